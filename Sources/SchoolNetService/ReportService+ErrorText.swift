extension ReportService.ReportError: CustomStringConvertible {
    /// What the regional centre reads on the command line (the case names alone told it nothing).
    public var description: String {
        switch self {
        case .invalidSchoolYear(let text):
            "\"\(text)\" is not a school year: write it as 2020-2021 / «\(text)» — не учебный год: пишите 2020-2021"
        case .unknownSchoolYear(let label):
            "the school year \(label) is not in the database: nothing to report / \(label) учебного года в базе нет: отчёт не из чего составить"
        }
    }
}
