import SchoolNetDomain

/// What account mail says (issue 15): an invitation or a password reset with its single-use link, in Russian and
/// English; `{name}` and `{expires}` are filled by `MailRenderer.accountFill`.
extension MailText {
    static func account(_ kind: NotificationKind, _ language: String) -> Kind {
        let ru = language != "en"
        switch kind {
        case .accountInvitation:
            return ru
                ? Kind(
                    subject: "Приглашение в SchoolNet",
                    lead: "{name}, вас пригласили в SchoolNet регионального центра. Откройте ссылку ниже и задайте пароль: "
                        + "она действует один раз, до {expires}.")
                : Kind(
                    subject: "Your invitation to SchoolNet",
                    lead: "{name}, you are invited to the regional centre's SchoolNet. Open the link below and set your password: "
                        + "it works once, until {expires}.")
        case .passwordReset:
            return ru
                ? Kind(
                    subject: "Новый пароль для SchoolNet",
                    lead: "{name}, по вашей просьбе региональный центр выдал ссылку для нового пароля. Она действует один раз, "
                        + "до {expires}. Если вы не просили, ничего не делайте: пароль останется прежним.")
                : Kind(
                    subject: "A new password for SchoolNet",
                    lead: "{name}, at your request the regional centre issued a link to set a new password. It works once, "
                        + "until {expires}. If you did not ask, do nothing: your password stays as it is.")
        default:
            preconditionFailure("\(kind) is not account mail")
        }
    }

    /// The label of the account link.
    static func accountLink(_ language: String) -> String { language == "en" ? "Set your password" : "Задать пароль" }

}
