// Keys of the judging tables, wrapped like the other ids so they can't be mixed up.

/// A key of the `result` table.
public typealias ResultID = TableID<ResultTable>
public enum ResultTable: Sendable {}

/// A key of the `jury_assignment` table.
public typealias JuryAssignmentID = TableID<JuryAssignmentTable>
public enum JuryAssignmentTable: Sendable {}
