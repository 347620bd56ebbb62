// The framework's own limit for the web benchmark (Benchmarks/web/run): a plain Hummingbird router whose one
// route answers every GET with the same bytes, read once from a file (a page the SchoolNet server rendered), as
// text/html. No middleware, no database, no template: what serving a page of that size costs Hummingbird itself.
//   bench-hb-page PORT FILE
import Foundation
import Hummingbird
import NIOCore

let arguments = CommandLine.arguments
guard arguments.count == 3, let port = Int(arguments[1]), let data = FileManager.default.contents(atPath: arguments[2]) else {
    FileHandle.standardError.write(Data("usage: bench-hb-page PORT FILE\n".utf8))
    exit(2)
}
let page = ByteBuffer(bytes: data)
let router = Router()
router.get("**") { _, _ -> Response in
    Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: page))
}
router.get("readyz") { _, _ -> HTTPResponse.Status in .ok }
let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)))
try await app.runService()
