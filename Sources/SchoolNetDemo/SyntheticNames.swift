import SchoolNetDomain

/// Deterministic Russian names and birth dates for people the report counts without naming:
/// the same seed always gives the same person, so a second load replays the same requests.
struct SyntheticNames {
    /// FNV-1a: stable across runs and platforms, unlike Swift's seeded `Hasher`.
    static func hash(_ text: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            h ^= UInt64(byte)
            h = h &* 0x0000_0100_0000_01B3
        }
        return h
    }

    /// Masculine surnames; the feminine form is derived (Иванов -> Иванова, Соколовский -> Соколовская).
    static let surnames = [
        "Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров", "Соколов", "Михайлов", "Новиков", "Фёдоров",
        "Морозов", "Волков", "Алексеев", "Лебедев", "Семёнов", "Егоров", "Павлов", "Козлов", "Степанов", "Николаев",
        "Орлов", "Андреев", "Макаров", "Никитин", "Захаров", "Зайцев", "Соловьёв", "Борисов", "Яковлев", "Григорьев",
        "Романов", "Воробьёв", "Сергеев", "Кузьмин", "Фролов", "Александров", "Дмитриев", "Королёв", "Гусев", "Киселёв",
        "Ильин", "Максимов", "Поляков", "Сорокин", "Виноградов", "Ковалёв", "Белов", "Медведев", "Антонов", "Тарасов",
        "Жуков", "Баранов", "Филиппов", "Комаров", "Давыдов", "Беляев", "Герасимов", "Богданов", "Осипов", "Сидоров",
        "Матвеев", "Титов", "Марков", "Миронов", "Крылов", "Куликов", "Карпов", "Власов", "Мельников", "Денисов",
        "Гаврилов", "Тихонов", "Казаков", "Афанасьев", "Данилов", "Савельев", "Тимофеев", "Фомин", "Чернов", "Абрамов",
        "Мартынов", "Ефимов", "Федотов", "Щербаков", "Назаров", "Калинин", "Исаев", "Чернышёв", "Быков", "Маслов",
        "Родионов", "Коновалов", "Лазарев", "Воронин", "Климов", "Филатов", "Пономарёв", "Голубев", "Кудрявцев", "Прохоров"
    ]
    static let boys = [
        "Александр", "Максим", "Артём", "Михаил", "Даниил", "Иван", "Дмитрий", "Кирилл", "Андрей", "Егор",
        "Никита", "Илья", "Алексей", "Матвей", "Тимофей", "Роман", "Владимир", "Ярослав", "Фёдор", "Георгий",
        "Константин", "Лев", "Николай", "Степан", "Марк", "Павел", "Арсений", "Денис", "Глеб", "Сергей"
    ]
    static let girls = [
        "Анастасия", "Мария", "Анна", "Виктория", "Екатерина", "Наталья", "Марина", "Полина", "Дарья", "Алиса",
        "Елизавета", "Софья", "Ксения", "Александра", "Вероника", "Варвара", "Арина", "Алёна", "Ольга", "Татьяна",
        "Ульяна", "Валерия", "Кристина", "Юлия", "Ирина", "Ева", "Милана", "Василиса", "Ангелина", "Светлана"
    ]
    /// Fathers' names with their masculine and feminine patronymics.
    static let patronymics: [(String, String)] = [
        ("Александрович", "Александровна"), ("Сергеевич", "Сергеевна"), ("Андреевич", "Андреевна"),
        ("Дмитриевич", "Дмитриевна"), ("Алексеевич", "Алексеевна"), ("Михайлович", "Михайловна"),
        ("Владимирович", "Владимировна"), ("Николаевич", "Николаевна"), ("Игоревич", "Игоревна"),
        ("Евгеньевич", "Евгеньевна"), ("Олегович", "Олеговна"), ("Викторович", "Викторовна"),
        ("Павлович", "Павловна"), ("Юрьевич", "Юрьевна"), ("Иванович", "Ивановна"), ("Петрович", "Петровна")
    ]

    static func feminine(_ surname: String) -> String {
        if surname.hasSuffix("ский") { return String(surname.dropLast(2)) + "ая" }
        if surname.hasSuffix("ов") || surname.hasSuffix("ев") || surname.hasSuffix("ёв") || surname.hasSuffix("ин") {
            return surname + "а"
        }
        return surname
    }

    /// A full name for `seed`.
    static func name(_ seed: String) -> PersonName {
        let h = hash(seed)
        let girl = h & 1 == 1
        let surname = surnames[Int((h >> 1) % UInt64(surnames.count))]
        let given = girl ? girls[Int((h >> 9) % UInt64(girls.count))] : boys[Int((h >> 9) % UInt64(boys.count))]
        let patronymic = patronymics[Int((h >> 17) % UInt64(patronymics.count))]
        return PersonName(
            surname: girl ? feminine(surname) : surname, givenName: given,
            patronymic: girl ? patronymic.1 : patronymic.0)
    }

    /// A birth date that puts a pupil in `grade` (0: preschool group) of the school year starting
    /// in `startYear` (born 1 September .. 31 August, 7 + grade years before); `index` spreads the
    /// days so no two people of one organisation, grade and event share name and birth date.
    static func pupilBirthDate(grade: Int, startYear: Int, index: Int, seed: String) -> LocalDate {
        let first = LocalDate(year: startYear - 7 - grade, month: 9, day: 1)!
        let day = (Int(hash(seed) % 23) + index * 29) % 365
        return first.adding(days: day)
    }

    /// Adults: teachers born 1965-1994, students 2000-2002.
    static func adultBirthDate(firstYear: Int, years: Int, seed: String) -> LocalDate {
        let h = hash(seed)
        let year = firstYear + Int(h % UInt64(years))
        return LocalDate(year: year, month: 1, day: 1)!.adding(days: Int((h >> 8) % 365))
    }
}
