import Hummingbird
import PQ

/// Database failures that are nobody's mistake and pass with time: 503 with `Retry-After`, a stable
/// code per cause, and no detail from the server (it may name hosts, databases or row values).
extension Problem {
    /// The problem for `error` when it says the database cannot serve now; nil for any other error.
    public static func databaseUnavailable(_ error: PQError) -> Problem? {
        let state = error.sqlState
        if state == .diskFull || state?.errorClass == "53" {
            return unavailable(
                state == .diskFull ? "database_disk_full" : "database_out_of_resources", retryAfter: 30,
                ru: "У базы данных закончились ресурсы (место на диске, память или соединения), повторите запрос позже.",
                en: "The database has run out of resources (disk space, memory or connections); please retry later.")
        }
        if state == .readOnlySqlTransaction {
            return unavailable(
                "database_read_only", retryAfter: 30,
                ru: "База данных сейчас доступна только для чтения, повторите запрос позже.",
                en: "The database is read-only at the moment; please retry later.")
        }
        if error.kind == .connection || error.kind == .poolTimeout || state?.rawValue.hasPrefix("57P") == true {
            return unavailable(
                "database_unavailable", retryAfter: 5,
                ru: "База данных временно недоступна, повторите запрос позже.",
                en: "The database is temporarily unavailable; please retry later.")
        }
        if state == .lockNotAvailable || error.kind == .queryCanceled {
            // lock_timeout or statement_timeout: someone else holds what this request needs.
            return unavailable(
                "database_busy", retryAfter: 2,
                ru: "Данные сейчас заняты другой операцией, повторите запрос через несколько секунд.",
                en: "The data is busy with another operation; please retry in a few seconds.")
        }
        return nil
    }

    private static func unavailable(_ code: String, retryAfter: Int, ru: String, en: String) -> Problem {
        Problem(.serviceUnavailable, code: code, detail: .init(ru: ru, en: en), headers: [.retryAfter: String(retryAfter)])
    }
}
