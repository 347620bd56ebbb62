import Foundation

/// When an event takes applications: from `opensAt` to the end of `closesOn` in its zone, unless closed early.
public struct RegistrationWindow: Sendable, Hashable, Codable {
    public var opensAt: Date
    /// The last day applications are taken, as the announcement prints it.
    public var closesOn: LocalDate
    public var closedEarlyAt: Date?
    public var timeZone: TimeZone

    /// The programme's home zone, where the coordinator and most organisers are.
    public static let defaultTimeZone = TimeZone(identifier: "Asia/Tomsk")!

    public init(opensAt: Date, closesOn: LocalDate, closedEarlyAt: Date? = nil, timeZone: TimeZone = defaultTimeZone) {
        self.opensAt = opensAt
        self.closesOn = closesOn
        self.closedEarlyAt = closedEarlyAt
        self.timeZone = timeZone
    }

    /// The first instant after the deadline: midnight starting the day after `closesOn`, in the event's zone.
    public var deadline: Date { closesOn.adding(days: 1).startOfDay(in: timeZone) }

    /// Whether a new application may be submitted at `now`.
    public func isOpen(at now: Date) -> Bool { checkSubmit(at: now) == nil }

    /// Why a new application can't be submitted at `now`, or nil if it can.
    public func checkSubmit(at now: Date) -> RegistrationError? {
        if now < opensAt {
            let local = RussianText.instant(opensAt, in: timeZone)
            let localEN = RussianText.instantEN(opensAt, in: timeZone)
            return RegistrationError(
                .registrationNotOpen,
                ru: "Приём заявок ещё не начался: он откроется \(local) (время \(zoneName))",
                en: "Registration is not open yet: it opens at \(localEN) (\(zoneName) time)"
            )
        }
        if now >= deadline { return closed }
        if let closedEarlyAt, now >= closedEarlyAt {
            return RegistrationError(
                .registrationClosedEarly,
                ru: "Организатор досрочно закрыл приём заявок \(RussianText.instant(closedEarlyAt, in: timeZone)) (время \(zoneName))",
                en: "The organiser closed registration early at \(RussianText.instantEN(closedEarlyAt, in: timeZone)) (\(zoneName) time)"
            )
        }
        return nil
    }

    /// Why an application can't be changed at `now`; edits stay allowed after an early close, until the deadline.
    public func checkEdit(at now: Date) -> RegistrationError? {
        guard now >= deadline else { return nil }
        return RegistrationError(
            .editAfterDeadline,
            ru: "Изменить заявку уже нельзя: приём заявок закончился \(deadlineRU)",
            en: "The application can no longer be changed: registration ended \(deadlineEN)"
        )
    }

    /// Why an application can't be withdrawn at `now`; withdrawing frees a place, so an early close doesn't stop it.
    public func checkWithdraw(at now: Date) -> RegistrationError? {
        guard now >= deadline else { return nil }
        return RegistrationError(
            .withdrawAfterDeadline,
            ru: "Отозвать заявку уже нельзя: приём заявок закончился \(deadlineRU); обратитесь к организатору",
            en: "The application can no longer be withdrawn: registration ended \(deadlineEN); contact the organiser"
        )
    }

    private var closed: RegistrationError {
        RegistrationError(
            .registrationClosed,
            ru: "Приём заявок закончился \(deadlineRU)",
            en: "Registration ended \(deadlineEN)"
        )
    }

    private var zoneName: String { timeZone.identifier }
    private var deadlineRU: String { "\(RussianText.long(closesOn)) в 24:00 (время \(zoneName))" }
    private var deadlineEN: String { "at the end of \(RussianText.longEN(closesOn)) (\(zoneName) time)" }
}
