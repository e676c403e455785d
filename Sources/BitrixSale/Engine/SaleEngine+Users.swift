import Foundation

extension SaleEngine {
    /// Every customer account: the site's, then those created at run time (by id), each once.
    ///
    /// The store indexes accounts by id and phone only, so the lookups by login and e-mail walk the ids.
    func allUsers(staged: [UserAccount] = []) -> [UserAccount] {
        var seen = Set<Int>()
        var users: [UserAccount] = []
        for user in staged + site.users where seen.insert(user.id).inserted { users.append(user) }
        let last = store.lastId(.user)
        if last > 0 {
            for id in 1...last where !seen.contains(id) {
                if let user = store.user(id: id) {
                    seen.insert(id)
                    users.append(user)
                }
            }
        }
        return users
    }

    /// `CUser::GetByLogin($login)`: the account with this login (compared as MySQL's default collation does,
    /// ignoring case), or nil.
    public func user(login: String) -> UserAccount? {
        guard !login.isEmpty else { return nil }
        return allUsers().first { $0.login?.caseInsensitiveCompare(login) == .orderedSame }
    }

    /// `UserTable::getList(['filter' => ['=EMAIL' => $email]])`: the first account with this e-mail, or nil.
    public func user(email: String) -> UserAccount? {
        guard !email.isEmpty else { return nil }
        return allUsers().first { $0.email?.caseInsensitiveCompare(email) == .orderedSame }
    }

    /// `Fuser::getIdByUserId($userId)`: the buyer's basket owner id. The emulator keeps one fuser per user, numbered
    /// as the user, so it needs no table of its own.
    public func fuserId(userId: Int) -> Int { userId }
}

extension SaleTransaction {
    /// The login `CSaleUser::GetAnonymousUserID()` gives the anonymous buyer it creates.
    public static let anonymousLogin = "anonymous"

    /// The account with this login (staged, stored or the site's), or nil.
    public func user(login: String) -> UserAccount? {
        stagedUsers.values.first { $0.login?.caseInsensitiveCompare(login) == .orderedSame }
            ?? engine.user(login: login)
    }

    /// The account with this e-mail (staged, stored or the site's), or nil.
    public func user(email: String) -> UserAccount? {
        stagedUsers.values.first { $0.email?.caseInsensitiveCompare(email) == .orderedSame }
            ?? engine.user(email: email)
    }

    /// `$user->Add([...])` (`CUser::Add`, main module): stages a new account, or refuses it with the errors CUser
    /// puts into `LAST_ERROR`, each naming its field: a login under 3 characters, a login or phone already taken,
    /// an e-mail that is not one.
    ///
    /// The phone is expected normalised (`+77015211545`); the login defaults to it, as shops that sign buyers in by
    /// phone do.
    public mutating func addUser(phone: String, name: String, login: String? = nil, email: String? = nil)
        -> (user: UserAccount?, result: SaleResult)
    {
        let login = login ?? phone
        var result = SaleResult()
        if login.count < 3 {
            result.addError(
                SaleError(
                    code: .login,
                    message: "Login must be at least 3 characters, got \"\(login)\"",
                    field: "LOGIN"
                )
            )
        } else if user(login: login) != nil {
            result.addError(
                SaleError(code: .login, message: "A user with login \"\(login)\" already exists", field: "LOGIN")
            )
        }
        if !phone.isEmpty, user(phone: phone) != nil {
            result.addError(
                SaleError(
                    code: .personalPhone,
                    message: "A user with phone \(phone) already exists",
                    field: "PERSONAL_PHONE"
                )
            )
        }
        if let email, !Self.isEmail(email) {
            result.addError(
                SaleError(code: .email, message: "Incorrect e-mail \"\(email)\"", field: "EMAIL")
            )
        }
        guard result.isSuccess else { return (nil, result) }
        let user = UserAccount(id: nextId(.user), phone: phone, name: name, login: login, email: email)
        stagedUsers[phone.isEmpty ? "#\(user.id)" : phone] = user
        staged.users.append(user)
        result.id = user.id
        return (user, result)
    }

    /// `CSaleUser::GetAnonymousUserID()`: the account orders of unknown buyers go to, created once (login
    /// ``anonymousLogin``) and found again afterwards.
    public mutating func anonymousUser() -> UserAccount {
        if let existing = user(login: Self.anonymousLogin) { return existing }
        // The login is free and long enough, so the add cannot be refused.
        return addUser(phone: "", name: "Anonymous", login: Self.anonymousLogin).user!
    }

    /// `CUser::CheckFields`' e-mail test, simplified: one `@`, something before it, a dot after it, no spaces.
    static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !text.contains(" ")
    }
}
