import SchoolNetHTTP

extension WebText {
    /// The coordinator's pages: the school, the registration form, an application, invitations.
    static let school: [String: LocalizedText] = [
        "nav_invite": .init(ru: "Приглашения", en: "Invitations"),
        "school_year": .init(ru: "Учебный год", en: "School year"),
        "school_find_events": .init(ru: "Подать заявку: выбрать мероприятие", en: "Apply: choose an event"),
        "school_invite": .init(ru: "Пригласить коллегу", en: "Invite a colleague"),
        "school_applications": .init(ru: "Заявки школы", en: "The school's applications"),
        "school_no_applications": .init(
            ru: "Заявок пока нет. Выберите мероприятие в каталоге и подайте заявку.", en: "No applications yet. Choose an event in the catalogue and apply."),
        "school_people": .init(ru: "Ученики и педагоги", en: "Pupils and teachers"),
        "school_people_empty": .init(
            ru: "Списков школы на этот учебный год ещё нет: их загружает региональный центр.",
            en: "The school's lists for this school year have not been imported yet: the regional centre loads them."),
        "people_search": .init(ru: "Поиск по имени или классу", en: "Search by name or class"),
        "people_class": .init(ru: "Класс", en: "Class"),
        "people_all": .init(ru: "Все классы и педагоги", en: "All classes and teachers"),
        "people_show": .init(ru: "Показать", en: "Show"),
        "people_name": .init(ru: "ФИО", en: "Name"),
        "people_consent": .init(ru: "Согласие на обработку данных", en: "Data processing consent"),
        "people_none": .init(ru: "Никого не нашлось.", en: "Nobody found."),
        "people_choose": .init(
            ru: "Списки школы длинные: выберите класс или введите часть имени и нажмите «Показать».",
            en: "The school's lists are long: choose a class or type part of a name and press “Show”."),
        "consent_on_record": .init(ru: "согласие родителей записано", en: "parents' consent on record"),
        "consent_picked": .init(
            ru: "У школы есть согласия родителей отмеченных участников на обработку персональных данных",
            en: "The school holds the parents' consents of the ticked members to data processing"),
        "consent_picked_hint": .init(
            ru: "Нужно для несовершеннолетних, у кого согласие ещё не записано в системе.",
            en: "Needed for minors whose consent is not yet on record."),
        "consent_state": .init(
            ru: "У школы есть согласие родителей на обработку персональных данных", en: "The school holds the parents' consent to data processing"),

        "reg_back_to_application": .init(ru: "← К заявке", en: "← Back to the application"),
        "reg_team_name": .init(ru: "Название команды", en: "Team name"),
        "reg_nomination": .init(ru: "Номинация", en: "Nomination"),
        "reg_no_nomination": .init(ru: "— не выбрана —", en: "— none —"),
        "reg_responsible": .init(ru: "Ответственный педагог", en: "Responsible teacher"),
        "reg_responsible_hint": .init(
            ru: "С кем организатор свяжется по заявке: нужна почта или телефон.", en: "Whom the organiser contacts: an e-mail or a phone is needed."),
        "reg_responsible_name": .init(ru: "ФИО", en: "Full name"),
        "reg_phone": .init(ru: "Телефон", en: "Phone"),
        "reg_members": .init(ru: "Участники", en: "Members"),
        "reg_role": .init(ru: "Роль", en: "Role"),
        "reg_new_member": .init(ru: "Нового участника нет в списках?", en: "A new member not on the lists?"),
        "reg_new_member_hint": .init(
            ru: "Заполните, если нужно добавить одного человека, которого нет в списках школы. Иначе оставьте пустым.",
            en: "Fill in to add one person who is not on the school's lists; otherwise leave it empty."),
        "reg_last_name": .init(ru: "Фамилия", en: "Surname"),
        "reg_first_name": .init(ru: "Имя", en: "First name"),
        "reg_patronymic": .init(ru: "Отчество (если есть)", en: "Patronymic (if any)"),
        "reg_birth_date": .init(ru: "Дата рождения", en: "Birth date"),
        "reg_birth_date_hint": .init(
            ru: "Нужна, чтобы не завести человека дважды; на страницах не показывается.",
            en: "Needed so that nobody is entered twice; never shown on the pages."),
        "reg_kind": .init(ru: "Кто это", en: "Who is it"),
        "reg_grade": .init(ru: "Класс в этом учебном году", en: "Grade this school year"),
        "reg_grade_none": .init(ru: "— не указан —", en: "— not given —"),

        "app_team": .init(ru: "Заявка", en: "Application"),
        "app_status": .init(ru: "Статус", en: "Status"),
        "app_reason": .init(ru: "Причина", en: "Reason"),
        "app_number": .init(ru: "Номер заявки", en: "Application number"),
        "app_event": .init(ru: "Мероприятие", en: "Event"),
        "app_submitted": .init(ru: "Подана", en: "Submitted"),
        "app_members": .init(ru: "Участники", en: "Members"),
        "app_edit": .init(ru: "Изменить заявку", en: "Change the application"),
        "app_change_until": .init(ru: "Изменить или отозвать заявку можно, пока идёт приём.", en: "It can be changed or withdrawn while registration is open."),
        "app_withdraw_reason": .init(ru: "Причина отзыва (необязательно)", en: "Why it is withdrawn (optional)"),
        "app_withdraw": .init(ru: "Отозвать заявку", en: "Withdraw the application"),

        "invite_title": .init(ru: "Пригласить в SchoolNet", en: "Invite to SchoolNet"),
        "invite_intro_school": .init(ru: "Коллега получит доступ координатора школы", en: "Your colleague becomes a coordinator of"),
        "invite_intro_admin": .init(
            ru: "Приглашение в организацию сети с выбранной ролью; для регионального центра организация не указывается.",
            en: "An invitation into a network organisation with a role; the regional centre's role has no organisation."),
        "invite_name": .init(ru: "ФИО", en: "Full name"),
        "invite_name_hint": .init(ru: "Так человек будет подписывать заявки.", en: "How the person will sign applications."),
        "invite_organisation": .init(ru: "Организация", en: "Organisation"),
        "invite_no_organisation": .init(ru: "— без организации (роль «региональный центр») —", en: "— none (the regional centre's role) —"),
        "invite_role": .init(ru: "Роль", en: "Role"),
        "invite_submit": .init(ru: "Создать приглашение", en: "Create the invitation"),
        "invite_done_title": .init(ru: "Приглашение создано", en: "Invitation created"),
        "invite_link_intro": .init(
            ru: "Передайте эту ссылку приглашённому: открыв её, он задаст пароль.",
            en: "Give this link to the person invited: opening it, they set a password."),
        "invite_link": .init(ru: "Ссылка-приглашение", en: "Invitation link"),
        "invite_link_once": .init(
            ru: "Ссылка показана один раз и работает один раз.", en: "The link is shown once and works once."),
        "invite_expires": .init(ru: "Действует до", en: "Valid until"),
        "invite_mailed": .init(ru: "Ссылка-приглашение отправлена письмом на адрес", en: "The invitation link was sent by mail to"),
        "invite_mailed_once": .init(ru: "Она работает один раз.", en: "It works once."),
        "invite_existing": .init(
            ru: "У этого человека уже есть пароль: новая роль действует при следующем входе, ссылка не нужна.",
            en: "This person already has a password: the new role applies at their next request; no link is needed."),
        "invite_again": .init(ru: "Пригласить ещё", en: "Invite another")
    ]
}
