/// Type OIDs of the built-in types the codecs handle (stable across PostgreSQL releases).
public enum PQOID {
    public static let unknown: UInt32 = 0
    public static let bool: UInt32 = 16
    public static let bytea: UInt32 = 17
    public static let char: UInt32 = 18
    public static let name: UInt32 = 19
    public static let int8: UInt32 = 20
    public static let int2: UInt32 = 21
    public static let int4: UInt32 = 23
    public static let text: UInt32 = 25
    public static let oid: UInt32 = 26
    public static let json: UInt32 = 114
    public static let xml: UInt32 = 142
    public static let float4: UInt32 = 700
    public static let float8: UInt32 = 701
    public static let unknownLiteral: UInt32 = 705
    public static let bpchar: UInt32 = 1042
    public static let varchar: UInt32 = 1043
    public static let date: UInt32 = 1082
    public static let time: UInt32 = 1083
    public static let timestamp: UInt32 = 1114
    public static let timestamptz: UInt32 = 1184
    public static let interval: UInt32 = 1186
    public static let numeric: UInt32 = 1700
    public static let uuid: UInt32 = 2950
    public static let jsonb: UInt32 = 3802

    public static let boolArray: UInt32 = 1000
    public static let byteaArray: UInt32 = 1001
    public static let int2Array: UInt32 = 1005
    public static let int4Array: UInt32 = 1007
    public static let textArray: UInt32 = 1009
    public static let varcharArray: UInt32 = 1015
    public static let int8Array: UInt32 = 1016
    public static let float4Array: UInt32 = 1021
    public static let float8Array: UInt32 = 1022
    public static let timestampArray: UInt32 = 1115
    public static let dateArray: UInt32 = 1182
    public static let timestamptzArray: UInt32 = 1185
    public static let numericArray: UInt32 = 1231
    public static let uuidArray: UInt32 = 2951
    public static let jsonArray: UInt32 = 199
    public static let jsonbArray: UInt32 = 3807

    /// OIDs below this belong to the system catalogs; user types (enums, domains, extensions) start here.
    static let firstUserOID: UInt32 = 16384

    static let names: [UInt32: String] = [
        bool: "boolean", bytea: "bytea", char: "\"char\"", name: "name", int8: "bigint", int2: "smallint",
        int4: "integer", text: "text", oid: "oid", json: "json", xml: "xml", float4: "real",
        float8: "double precision", unknownLiteral: "unknown", bpchar: "character", varchar: "character varying",
        date: "date", time: "time", timestamp: "timestamp", timestamptz: "timestamptz", interval: "interval",
        numeric: "numeric", uuid: "uuid", jsonb: "jsonb", boolArray: "boolean[]", byteaArray: "bytea[]",
        int2Array: "smallint[]", int4Array: "integer[]", textArray: "text[]", varcharArray: "character varying[]",
        int8Array: "bigint[]", float4Array: "real[]", float8Array: "double precision[]",
        timestampArray: "timestamp[]", dateArray: "date[]", timestamptzArray: "timestamptz[]",
        numericArray: "numeric[]", uuidArray: "uuid[]", jsonArray: "json[]", jsonbArray: "jsonb[]"
    ]

    /// A readable name for error messages: "integer", or "oid 16390" for types this table does not know.
    public static func typeName(_ oid: UInt32) -> String { names[oid] ?? "oid \(oid)" }
}
