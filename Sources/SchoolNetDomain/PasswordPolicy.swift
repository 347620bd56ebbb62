import Foundation

/// Rules for a new password: at least `minimumLength` characters, at most `maximumBytes` bytes of UTF-8 (bcrypt reads
/// no further, so a longer one would be silently cut), not all one character, not the account's e-mail or its name
/// part, and not one of the most common passwords (`CommonPasswords`), compared case-insensitively.
public enum PasswordPolicy {
    public static let minimumLength = 10
    public static let maximumBytes = 72

    /// Why the password is refused (English and Russian), or nil when it will do. The password itself is never
    /// part of the message.
    public static func problem(with password: String, email: String? = nil) -> (en: String, ru: String)? {
        if password.count < minimumLength {
            return (
                "The password must be at least \(minimumLength) characters long",
                "Пароль должен быть не короче \(minimumLength) символов"
            )
        }
        if password.utf8.count > maximumBytes {
            return (
                "The password must be at most \(maximumBytes) bytes long (about \(maximumBytes / 2) Cyrillic letters)",
                "Пароль должен быть не длиннее \(maximumBytes) байт (около \(maximumBytes / 2) русских букв)"
            )
        }
        let folded = password.lowercased()
        if Set(folded).count == 1 || CommonPasswords.contains(folded) {
            return (
                "This password is among the most common ones: choose another",
                "Этот пароль слишком распространён: выберите другой"
            )
        }
        if let email = email?.lowercased(), folded == email || folded == email.split(separator: "@").first.map(String.init) {
            return ("The password must not be your e-mail address", "Пароль не должен совпадать с адресом почты")
        }
        return nil
    }
}

/// The most common passwords of at least `PasswordPolicy.minimumLength` characters (shorter ones are refused for
/// their length anyway), lower-case. Written by this project for it (not copied from a published list): keyboard
/// walks and digit runs, "password"/"qwerty"/"welcome" with years and digits, common names and words with digits in
/// Latin transliteration and in Cyrillic (including the Russian keyboard's walks), and words of this network
/// (school, olympiad, Tomsk). About 250 entries; extend it here.
public enum CommonPasswords {
    public static func contains(_ lowercased: String) -> Bool { all.contains(lowercased) }

    public static let all: Set<String> = Set(list.split(whereSeparator: \.isWhitespace).map(String.init))

    private static let list = """
        1234567890 0123456789 0987654321 9876543210 1111111111 0000000000 1212121212 1122334455 1234512345 1234554321
        12345678910 123456789a 123456789q 123456789z a123456789 q123456789 qwerty12345 qwerty123456 qwertyuiop
        qwertyuiop1 qwertyuiop123 asdfghjkl1 asdfghjkl; asdfghjkl123 zxcvbnm123 zxcvbnm1234 1q2w3e4r5t 1q2w3e4r5t6y
        1qaz2wsx3edc qazwsxedc1 qazwsxedcrfv qazwsxedc123 zaq12wsxcde3 zaq1zaq1zaq1 1qaz2wsx3e q1w2e3r4t5 q1w2e3r4t5y6
        a1b2c3d4e5 abcdef12345 abcdefghij abc1234567 abcd123456 password12 password123 password1234 password12345
        password1! passw0rd123 p@ssw0rd123 p@ssword123 passwordpassword mypassword mypassword1 mypassword123
        newpassword newpassword1 newpassword123 changeme123 changeme1234 letmein123 letmein1234 welcome123 welcome1234
        welcome2020 welcome2021 welcome2022 welcome2023 welcome2024 welcome2025 welcome2026 iloveyou123 iloveyou12
        iloveyou1234 sunshine123 football123 baseball123 basketball basketball1 superman123 batman1234 princess123
        starwars123 pokemon123 minecraft1 minecraft123 dragon1234 monkey1234 master1234 shadow1234 michael123
        administrator admin12345 admin123456 adminadmin administrator1 root123456 rootroot123 useruser123 user123456
        test123456 testtest123 testing123 qwerty2020 qwerty2021 qwerty2022 qwerty2023 qwerty2024 qwerty2025 qwerty2026
        password2020 password2021 password2022 password2023 password2024 password2025 password2026 summer2024
        winter2024 spring2024 autumn2024 parol12345 parol123456 parolparol moiparol123 moyparol123 privet1234
        privet12345 privetmir1 ljubov1234 lyubov1234 kotik12345 solnyshko1 solnyshko123 zvezda1234 natasha123
        natasha1234 svetlana123 tatiana1234 tatyana1234 aleksandr1 aleksandr123 alexander1 alexander123 vladimir123
        dmitriy1234 sergey1234 andrey12345 marina1234 olga123456 elena123456 irina123456 anastasia1 anastasia123
        ekaterina1 ekaterina123 spartak1922 zenit12345 tomsk12345 tomsk70region school1234 school12345 shkola1234
        shkola12345 uchitel123 gimnaziya1 gimnazia13 direktor123 olimpiada1 olimpiada2020 olimpiada2021 konkurs2020
        konkurs2021 schoolnet1 schoolnet123 schoolnet2020 schoolnet2021 йцукенгшщз йцукенгшщзх фывапролдж ячсмитьбю1
        пароль1234 пароль12345 парольпароль мойпароль123 привет1234 привет12345 любовь1234 солнышко12 солнышко123
        наташа1234 светлана12 школа12345 учитель123 олимпиада1 олимпиада2020 томск12345 1qaz@wsx3edc !qaz2wsx#edc
        qwerty!@#$ 123qweasdzxc qweasdzxc1 qweasdzxc123 123qwe123qwe 123123123123 321321321321 123321123321 147258369a
        1478963250 9638527410 7894561230 1597534862 159753852456 789456123a 147852369a 1234qwer1234 qwer1234qwer
        asdf1234asdf zxcv1234zxcv 1234asdf1234 qwerasdfzxcv trustno1trustno1 dragonball1 blink182blink football12
        7777777777 8888888888 9999999999 2222222222 5555555555 6666666666 3333333333 4444444444 1231231231 1234123412
        12341234123 abcabcabc1 aaaaaaaaaa a1a1a1a1a1 a1s2d3f4g5 z1x2c3v4b5 qwe123qwe123 qaz123wsx456 computer123
        internet123
        """
}
