import SchoolNetDomain

extension WebContext {
    /// The signed-in person as the services see them: a visitor is sent to sign in; someone signed in whose
    /// membership no page serves (a juror) gets 403 rather than a loop back to the login page.
    func signedInCaller() throws -> Caller {
        if let caller { return caller }
        throw session == nil ? WebError.signInRequired : WebError.forbidden
    }

    /// The signed-in school coordinator and their school; any other role gets 403.
    func coordinator() throws -> (caller: Caller, school: OrganisationID) {
        let caller = try signedInCaller()
        guard caller.role == .school, let school = caller.organisationID else { throw WebError.forbidden }
        return (caller, school)
    }
}
