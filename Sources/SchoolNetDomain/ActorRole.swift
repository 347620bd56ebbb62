/// Who is acting, as the API token's scope says; raw values are the database's `token_role` labels.
public enum ActorRole: String, Sendable, Hashable, Codable, CaseIterable {
    /// A school registering its own pupils and teachers.
    case school
    /// The organisation hosting the event.
    case organiser
    /// The regional centre, which may step in for an organiser.
    case regionalAdmin = "admin"
}
