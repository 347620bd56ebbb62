import CLibPQ
import Foundation
import Logging

/// Where and how to connect: a URL or key=value conninfo, plus settings passed through to libpq.
public struct PQConfiguration: Sendable, CustomStringConvertible {
    /// "postgresql://..." or "host=... dbname=..."; empty lets libpq read the PG* variables.
    public var conninfo: String
    /// Overrides the database named by `conninfo`.
    public var database: String?
    public var applicationName: String?
    /// Seconds libpq waits for a connection to open (libpq's connect_timeout).
    public var connectTimeout: Int?
    /// libpq sslmode: disable, allow, prefer, require, verify-ca, verify-full.
    public var sslMode: String?
    public var sslRootCert: String?
    public var sslCert: String?
    public var sslKey: String?
    /// Any other libpq connection keywords, e.g. ["options": "-c search_path=app"].
    public var options: [String: String] = [:]
    /// Prepared statements kept per connection; 0 turns the cache off (PgBouncer transaction mode).
    public var statementCacheCapacity: Int = 64
    /// Receives every query at debug level (SQL text and parameter count, never values).
    public var logger: Logger = Logger(label: "PQ")

    public init(_ conninfo: String) { self.conninfo = conninfo }

    /// DATABASE_URL when set, else an empty conninfo so libpq applies PGHOST, PGPORT, PGDATABASE, PGUSER...
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> PQConfiguration {
        if let url = environment["DATABASE_URL"], !url.isEmpty { return PQConfiguration(url) }
        return PQConfiguration("")
    }

    /// libpq keywords in order: the conninfo first (expanded by libpq), then overrides.
    var keywords: [(String, String)] {
        var list: [(String, String)] = [("dbname", conninfo)]
        if let database { list.append(("dbname", database)) }
        if let applicationName { list.append(("application_name", applicationName)) }
        if let connectTimeout { list.append(("connect_timeout", String(connectTimeout))) }
        if let sslMode { list.append(("sslmode", sslMode)) }
        if let sslRootCert { list.append(("sslrootcert", sslRootCert)) }
        if let sslCert { list.append(("sslcert", sslCert)) }
        if let sslKey { list.append(("sslkey", sslKey)) }
        for (k, v) in options.sorted(by: { $0.key < $1.key }) { list.append((k, v)) }
        // TCP keepalives and tcp_user_timeout: a peer that vanished (host down, network cut, a
        // firewall dropping the flow) breaks the connection within about a minute instead of never.
        // Defaults only: the URL's or `options`' own values win. libpq ignores them on unix sockets.
        let given = parsedSettings
        for (k, v) in PQConfiguration.tcpDefaults where given[k] == nil && options[k] == nil {
            list.append((k, v))
        }
        return list
    }

    /// libpq keywords applied when neither the conninfo nor `options` sets them.
    public static let tcpDefaults: [(String, String)] = [
        ("keepalives", "1"),
        ("keepalives_idle", "30"),
        ("keepalives_interval", "10"),
        ("keepalives_count", "3"),
        ("tcp_user_timeout", "60000")
    ]

    /// The conninfo's own settings as libpq parses them (PG* defaults not applied), password removed.
    var parsedSettings: [String: String] {
        var settings = parsedConninfo
        settings["password"] = nil
        return settings
    }

    /// The password the conninfo carries, only to scrub it out of messages.
    var password: String? { parsedConninfo["password"] }

    private var parsedConninfo: [String: String] {
        guard !conninfo.isEmpty else { return [:] }
        var error: UnsafeMutablePointer<CChar>? = nil
        guard let options = PQconninfoParse(conninfo, &error) else {
            if let error { PQfreemem(error) }
            return [:]
        }
        defer { PQconninfoFree(options) }
        var settings: [String: String] = [:]
        var p = options
        while let keyword = p.pointee.keyword {
            if let value = p.pointee.val { settings[String(cString: keyword)] = String(cString: value) }
            p += 1
        }
        return settings
    }

    public var description: String {
        let s = parsedSettings
        let host = s["host"] ?? s["hostaddr"] ?? ProcessInfo.processInfo.environment["PGHOST"] ?? "(default)"
        let port = s["port"] ?? ProcessInfo.processInfo.environment["PGPORT"] ?? "(default)"
        let db = database ?? s["dbname"] ?? ProcessInfo.processInfo.environment["PGDATABASE"] ?? "(default)"
        return "PQConfiguration(host: \(host), port: \(port), database: \(db))"
    }
}
