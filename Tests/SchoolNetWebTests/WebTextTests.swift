import Foundation
import Testing

@testable import SchoolNetWeb

/// The pages' fixed texts: every key in both languages, none defined twice, and every `{{t.KEY}}` a template uses
/// exists (a missing one would render as a blank on the page).
@Suite struct WebTextTests {
    @Test func everyTextHasBothLanguagesAndNoKeyIsDefinedTwice() {
        let total = WebText.sections.map(\.count).reduce(0, +)
        #expect(total == WebText.entries.count, "a key is defined in two sections")
        for (key, text) in WebText.entries {
            #expect(!text.ru.isEmpty && !text.en.isEmpty, "\(key) lacks a language")
        }
    }

    @Test func everyTextATemplateNamesExists() throws {
        let pattern = try Regex(#"\{\{\s*t\.([a-z0-9_]+)\s*\}\}"#)
        for (name, template) in EmbeddedWeb.templates {
            for match in template.matches(of: pattern) {
                let key = String(match.output[1].substring!)
                #expect(WebText.entries[key] != nil, "template \(name) names t.\(key), which no table defines")
            }
        }
    }

    @Test func theEmbeddedCopyIsTheSourceTree() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let folder = root.appendingPathComponent("Sources/SchoolNetWeb/Templates")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".mustache") }
        #expect(Set(files.map { String($0.dropLast(".mustache".count)) }) == Set(EmbeddedWeb.templates.keys), "run scripts/embed-web")
        for file in files {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            #expect(EmbeddedWeb.templates[String(file.dropLast(".mustache".count))] == text, "\(file) differs: run scripts/embed-web")
        }
    }
}
