import ArgumentParser

@main
struct SchoolNet: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schoolnet",
        abstract: "Registration and participation for a regional network of schools.",
        subcommands: [Serve.self, Database.self, Report.self]
    )
}
