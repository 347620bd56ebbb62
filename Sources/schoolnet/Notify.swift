import ArgumentParser

/// `schoolnet notify ...`: notifications (issue 15). `schedule` writes what is due (reminders, digests) and posts
/// webhooks; `follow`, `preferences`, `webhooks` and `cancel-event` are the choices people and the regional centre make.
struct Notify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Notifications: run the schedulers, follow events, choose what to receive, manage webhooks.",
        subcommands: [NotifySchedule.self, NotifyFollow.self, NotifyPreferences.self, NotifyWebhooks.self, NotifyCancelEvent.self]
    )
}
