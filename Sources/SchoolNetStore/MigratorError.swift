/// Why the migrator refused to touch a database.
public enum MigratorError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An applied migration's file no longer has the checksum recorded when it was applied.
    case changed(name: String, recorded: String, current: String)
    /// The database records a migration this build does not have.
    case unknown(name: String)

    public var description: String {
        switch self {
        case let .changed(name, recorded, current):
            "migration \(name) was changed after it was applied (recorded sha256 \(recorded), file \(current)); "
                + "add a new migration instead of editing an applied one"
        case let .unknown(name):
            "the database has migration \(name), which this build does not know: it is newer than the code"
        }
    }
}
