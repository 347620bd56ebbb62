import Testing
import SchoolNetDomain

@Suite struct PasswordPolicyTests {
    @Test(arguments: [
        "кедр-2020", "123456789",  // too short
        "1234567890", "Qwertyuiop", "PASSWORD123", "йцукенгшщз",  // common, whatever the case
        "aaaaaaaaaaaa",  // one character
        String(repeating: "пароль", count: 7)  // 84 bytes: bcrypt would cut it
    ])
    func refuses(password: String) {
        #expect(PasswordPolicy.problem(with: password) != nil)
    }

    @Test func refusesTheEmailAndItsNamePart() {
        #expect(PasswordPolicy.problem(with: "ivanova.maria@example.org", email: "Ivanova.Maria@example.org") != nil)
        #expect(PasswordPolicy.problem(with: "ivanova.maria", email: "ivanova.maria@example.org") != nil)
    }

    @Test(arguments: ["сосна-кедр-2020", "correct horse battery", "съешь же ещё этих мягких булок"])
    func accepts(password: String) {
        #expect(PasswordPolicy.problem(with: password, email: "someone@example.org") == nil)
    }

    @Test func theListIsLowerCaseAndAboutTheMinimumLength() {
        #expect(CommonPasswords.all.count >= 200)
        #expect(CommonPasswords.all.allSatisfy { $0 == $0.lowercased() && $0.count >= PasswordPolicy.minimumLength })
    }
}
