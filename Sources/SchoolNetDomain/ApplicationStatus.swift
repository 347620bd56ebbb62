/// Where an application is in its life; `rejected` and `withdrawn` are final.
public enum ApplicationStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case submitted
    case accepted
    case rejected
    case withdrawn

    /// What someone can do to an application.
    public enum Action: String, Sendable, Hashable, Codable, CaseIterable {
        case accept, reject, withdraw, edit
    }

    public var isFinal: Bool { self == .rejected || self == .withdrawn }

    /// Whether the application still holds a place (counts towards capacity and limits).
    public var holdsPlace: Bool { self == .submitted || self == .accepted }

    public var nameRU: String {
        switch self {
        case .submitted: "подана"
        case .accepted: "принята"
        case .rejected: "отклонена"
        case .withdrawn: "отозвана"
        }
    }

    public var nameEN: String { rawValue }

    /// The status after `action`, or nil when the status does not allow it (whoever asks).
    public func after(_ action: Action) -> ApplicationStatus? {
        switch (self, action) {
        case (.submitted, .accept): .accepted
        // An organiser may still disqualify an accepted entry.
        case (.submitted, .reject), (.accepted, .reject): .rejected
        case (.submitted, .withdraw), (.accepted, .withdraw): .withdrawn
        case (.submitted, .edit), (.accepted, .edit): self
        default: nil
        }
    }

    /// Whether `actor` may perform `action` at all: schools edit and withdraw, organisers accept and reject.
    public static func may(_ actor: ActorRole, _ action: Action) -> Bool {
        switch action {
        case .accept, .reject: actor == .organiser || actor == .regionalAdmin
        case .withdraw, .edit: actor == .school || actor == .regionalAdmin
        }
    }

    /// The next status, or `forbidden`, `invalid_transition`, `rejection_reason_required`; deadlines are checked elsewhere.
    public func applying(_ action: Action, by actor: ActorRole, reason: String? = nil) throws(RegistrationError) -> ApplicationStatus {
        guard ApplicationStatus.may(actor, action) else {
            throw RegistrationError(
                .forbidden, field: "status",
                ru: action.forbiddenRU,
                en: action.forbiddenEN
            )
        }
        guard let next = after(action) else {
            throw RegistrationError(
                .invalidTransition, field: "status",
                ru: "Заявку со статусом «\(nameRU)» нельзя \(action.verbRU)",
                en: "Cannot \(action.rawValue) an application that is \(nameEN)"
            )
        }
        if action == .reject, Award.cleanTitle(reason) == nil {
            throw RegistrationError(
                .rejectionReasonRequired, field: "reason",
                ru: "Укажите причину отклонения заявки: её увидит подавшая заявку школа",
                en: "State the reason for rejecting the application: the applying school will see it"
            )
        }
        return next
    }
}

extension ApplicationStatus.Action {
    var verbRU: String {
        switch self {
        case .accept: "принять"
        case .reject: "отклонить"
        case .withdraw: "отозвать"
        case .edit: "изменить"
        }
    }

    var forbiddenRU: String {
        switch self {
        case .accept, .reject: "Принимать и отклонять заявки может только организатор события"
        case .withdraw, .edit: "Изменять и отзывать заявку может только подавшая её организация"
        }
    }

    var forbiddenEN: String {
        switch self {
        case .accept, .reject: "Only the event's organiser may accept or reject applications"
        case .withdraw, .edit: "Only the applying organisation may edit or withdraw its application"
        }
    }
}
