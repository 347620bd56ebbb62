import SchoolNetHTTP

/// Every fixed text of the pages, in Russian and English; templates read them as `{{t.KEY}}`. One table so a
/// missing translation is a test failure (`WebTextTests`), not a blank on a page.
enum WebText {
    /// Each group of pages adds its own table here; a key defined twice is a test failure.
    static let sections: [[String: LocalizedText]] = [common, auth, publicPages, school]

    static let entries: [String: LocalizedText] = sections.reduce(into: [:]) { all, section in all.merge(section) { first, _ in first } }

    /// The texts in `language`, as the templates see them.
    static func table(_ language: Language) -> [String: String] {
        switch language {
        case .ru: russian
        case .en: english
        }
    }

    private static let russian = entries.mapValues(\.ru)
    private static let english = entries.mapValues(\.en)

    private static let common: [String: LocalizedText] = [
        "site": .init(ru: "SchoolNet — сеть школ", en: "SchoolNet — the school network"),
        "skip": .init(ru: "К содержанию", en: "Skip to content"),
        "nav": .init(ru: "Разделы", en: "Sections"),
        "nav_events": .init(ru: "Мероприятия", en: "Events"),
        "nav_school": .init(ru: "Моя школа", en: "My school"),
        "nav_account": .init(ru: "Профиль", en: "Account"),
        "login": .init(ru: "Войти", en: "Sign in"),
        "logout": .init(ru: "Выйти", en: "Sign out"),
        "other_language": .init(ru: "English", en: "Русский"),
        "footer": .init(
            ru: "Региональная сеть школ. Вопросы — в региональный центр.", en: "A regional network of schools. Questions go to the regional centre."),
        "error_title": .init(ru: "Что-то пошло не так", en: "Something went wrong"),
        "error_request": .init(ru: "Номер запроса для обращения в поддержку", en: "Request number for support"),
        "error_home": .init(ru: "На главную", en: "Home"),
        "errors_above": .init(ru: "Исправьте отмеченные поля.", en: "Please correct the marked fields."),
        "required": .init(ru: "обязательно", en: "required")
    ]

    private static let auth: [String: LocalizedText] = [
        "login_title": .init(ru: "Вход", en: "Sign in"),
        "email": .init(ru: "Электронная почта", en: "E-mail"),
        "password": .init(ru: "Пароль", en: "Password"),
        "password_new": .init(ru: "Новый пароль", en: "New password"),
        "password_repeat": .init(ru: "Пароль ещё раз", en: "Password again"),
        "password_hint": .init(
            ru: "Не короче 10 символов; не из списка самых распространённых паролей.",
            en: "At least 10 characters; not one of the most common passwords."),
        "password_mismatch": .init(ru: "Пароли не совпадают.", en: "The passwords differ."),
        "login_submit": .init(ru: "Войти", en: "Sign in"),
        "login_failed": .init(ru: "Неверная почта или пароль.", en: "Wrong e-mail or password."),
        "login_forgot": .init(
            ru: "Забыли пароль? Попросите координатора школы или региональный центр прислать ссылку для сброса.",
            en: "Forgot the password? Ask your school's coordinator or the regional centre for a reset link."),
        "invitation_title": .init(ru: "Приглашение в SchoolNet", en: "Invitation to SchoolNet"),
        "invitation_intro": .init(
            ru: "Придумайте пароль — после этого вы сможете входить по своей почте.",
            en: "Choose a password; then you can sign in with your e-mail."),
        "invitation_submit": .init(ru: "Сохранить пароль и войти", en: "Save the password and sign in"),
        "link_dead_title": .init(ru: "Ссылка больше не действует", en: "This link no longer works"),
        "link_dead": .init(
            ru: "Ссылка уже использована или её срок истёк. Попросите прислать новую.",
            en: "The link has been used or has expired. Ask for a new one."),
        "reset_title": .init(ru: "Новый пароль", en: "New password"),
        "reset_submit": .init(ru: "Сохранить пароль и войти", en: "Save the password and sign in"),
        "account_title": .init(ru: "Профиль", en: "Account"),
        "account_memberships": .init(ru: "Где вы работаете в системе", en: "Where you work in the system"),
        "account_acting": .init(ru: "сейчас", en: "now"),
        "account_act_as": .init(ru: "Работать от имени", en: "Act for"),
        "logout_everywhere": .init(ru: "Выйти на всех устройствах", en: "Sign out on every device"),
        "role_coordinator": .init(ru: "координатор школы", en: "school coordinator"),
        "role_organiser": .init(ru: "организатор", en: "organiser"),
        "role_juror": .init(ru: "член жюри", en: "juror"),
        "role_regional_admin": .init(ru: "региональный центр", en: "regional centre"),
        "session_expired": .init(ru: "Сессия истекла. Войдите снова.", en: "Your session has ended. Please sign in again."),
        "too_many_attempts": .init(
            ru: "Слишком много попыток входа. Попробуйте позже.", en: "Too many sign-in attempts. Please try later.")
    ]
}
