import ArgumentParser
import Foundation
import SchoolNetDomain
import SchoolNetImport
import SchoolNetService

/// Options every import command shares.
struct ImportOptions: ParsableArguments {
    @Argument(help: "CSV file as Excel saves it: UTF-8 (with or without BOM) or Windows-1251, ';' or ','.")
    var file: String

    @Flag(help: "Write nothing unless every row is good (default: good rows go in, the rest are reported).")
    var allOrNothing = false

    @Option(help: "Rejections listed in full (the total is always given).")
    var showRejections = 1000

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var acting: CallerOptions
    @OptionGroup var output: FormatOption

    /// Runs one import with a progress line on stderr when it is a terminal, then prints the report.
    /// `resolveSchool`: `defaultSchool` is an id or a name as every `--school` takes it, resolved to the one
    /// organisation first (a tie refused); the import then gets its full name.
    func run(
        _ kind: ImportKind, command: String, schoolYear: SchoolYear? = nil, defaultSchool: String? = nil,
        resolveSchool: Bool = false
    ) async throws {
        let meter = ProgressMeter(label: URL(fileURLWithPath: file).lastPathComponent)
        let report = try await database.withPool { pool in
            // The directory and the people are the regional centre's: no school or organiser token imports them.
            let caller = try await acting.regionalCentre(on: pool, command: command)
            var defaultSchool = defaultSchool
            if resolveSchool, let given = defaultSchool {
                let directory = DirectoryService(pool: pool, time: SystemTime())
                defaultSchool = try await directory.details(try await directory.resolve(given)).listed.organisation.fullName
            }
            let options = ImportService.Options(
                mode: allOrNothing ? .allOrNothing : .goodRows, schoolYear: schoolYear, defaultSchool: defaultSchool,
                actor: caller.displayName, tokenID: caller.tokenID, rejectionLimit: showRejections)
            return try await ImportService(pool: pool).importFile(
                kind, path: file, options: options,
                progress: meter.map { m in
                    { @Sendable progress in m.update(progress) }
                })
        }
        meter?.finish()
        ImportReportPrinter(report: report).print(output.format)
        if !report.committed {
            throw CommandRefused("nothing imported: \(report.rejectedRows) row(s) rejected and --all-or-nothing was given")
        }
    }
}

/// The import's summary and its rejections, in the chosen format.
struct ImportReportPrinter {
    var report: ImportReport

    func print(_ format: OutputFormat) {
        var table = Table(columns: ["line", "column", "reason", "message"])
        for r in report.rejections {
            table.rows.append([.int(Int64(r.line)), Cell(r.column), .text(r.reason), .text(r.message)])
        }
        switch format {
        case .json:
            Swift.print(JSONOutput.string(encoding: report))
        case .csv:
            CLIFailure.printError(summary)
            table.print(.csv)
        case .table:
            Swift.print(summary)
            if !report.rejections.isEmpty {
                Swift.print("")
                table.print(.table)
                if report.rejectionsTotal > report.rejections.count {
                    Swift.print("... and \(report.rejectionsTotal - report.rejections.count) more (--show-rejections N)")
                }
            }
        }
    }

    var summary: String {
        let delimiter = report.dialect.delimiter == "\t" ? "tab" : "'\(report.dialect.delimiter)'"
        var lines = [
            "detected: \(report.dialect.encoding), delimiter \(delimiter)",
            "\(report.kind.rawValue): \(report.rows) row(s) read, \(report.inserted) new, \(report.matched) matched existing, \(report.rejectedRows) rejected"
        ]
        // a header alone is most often the wrong sheet or an unsaved export: "0 row(s) read" was easy to miss
        if report.rows == 0 { lines.append("the file has no rows under its header: nothing to import") }
        if report.kind == .organisations { lines.append("network agreements added: \(report.agreementsAdded)") }
        if !report.ignoredColumns.isEmpty { lines.append("columns not used: \(report.ignoredColumns.joined(separator: ", "))") }
        if !report.committed { lines.append("nothing was written (--all-or-nothing)") }
        if !report.gradeMisfits.isEmpty {
            lines.append("grades changed for this school year; these active applications no longer fit the new grade (fix the entry or the grade):")
            for misfit in report.gradeMisfits {
                let range = "\(misfit.gradeMin.map(String.init) ?? "")-\(misfit.gradeMax.map(String.init) ?? "")"
                lines.append(
                    "  line \(misfit.line): \(misfit.name), grade \(misfit.before) -> \(misfit.after); application \(misfit.applicationID.rawValue) "
                        + "to \"\(misfit.eventTitle)\" (grades \(range))")
            }
        }
        return lines.joined(separator: "\n")
    }
}

/// "importing list.csv: 42%" on stderr, redrawn in place, only when stderr is a terminal.
final class ProgressMeter: @unchecked Sendable {
    private let label: String
    private let lock = NSLock()
    private var lastPercent = -1

    init?(label: String) {
        guard isatty(STDERR_FILENO) == 1 else { return nil }
        self.label = label
    }

    func update(_ progress: ImportProgress) {
        guard progress.totalBytes > 0 else { return }
        let percent = min(100, progress.bytesRead * 100 / progress.totalBytes)
        lock.withLock {
            guard percent != lastPercent else { return }
            lastPercent = percent
            FileHandle.standardError.write(Data("\rimporting \(label): \(percent)% (\(progress.rowsSent) rows)".utf8))
        }
    }

    func finish() {
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
