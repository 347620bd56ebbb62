public enum SchoolNetDomainInfo { public static let name = "SchoolNet" }
