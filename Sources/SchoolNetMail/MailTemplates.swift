/// The mails' Mustache templates (the engine of the web pages, swift-mustache): one plain-text and one HTML frame,
/// filled with a kind's sentences from `MailText` and the payload the outbox row kept. `{{x}}` escapes in HTML; the
/// text template uses `{{{x}}}` (nothing to escape in plain text).
enum MailTemplates {
    static let text = """
        {{greeting}}

        {{{lead}}}

        {{#event}}{{{labels.event}}}: {{{event}}}{{#startsOn}} ({{{startsOn}}}){{/startsOn}}
        {{/event}}{{#team}}{{{labels.team}}}: {{{team}}}
        {{/team}}{{#organisation}}{{{labels.organisation}}}: {{{organisation}}}
        {{/organisation}}{{#hasMembers}}{{{labels.members}}}: {{#members}}{{{.}}}; {{/members}}
        {{/hasMembers}}{{#stage}}{{{labels.stage}}}: {{{stage}}}
        {{/stage}}{{#reason}}{{{labels.reason}}}: {{{reason}}}
        {{/reason}}{{#awards}}{{{labels.award}}}: {{{name}}}{{#nomination}} ({{{nomination}}}){{/nomination}}
        {{/awards}}{{#correctionReason}}{{{labels.correctionReason}}}: {{{correctionReason}}}
        {{/correctionReason}}{{#items}}- {{{text}}}: {{{link}}}
        {{/items}}
        {{{labels.link}}}: {{{link}}}

        --
        {{{labels.signature}}}

        """

    static let html = """
        <!DOCTYPE html>
        <html lang="{{lang}}"><head><meta charset="utf-8"><title>{{subject}}</title></head>
        <body style="font-family: sans-serif; line-height: 1.4">
        <p>{{greeting}}</p>
        <p>{{lead}}</p>
        <table>
        {{#event}}<tr><th align="left">{{labels.event}}</th><td>{{event}}{{#startsOn}} ({{startsOn}}){{/startsOn}}</td></tr>{{/event}}
        {{#team}}<tr><th align="left">{{labels.team}}</th><td>{{team}}</td></tr>{{/team}}
        {{#organisation}}<tr><th align="left">{{labels.organisation}}</th><td>{{organisation}}</td></tr>{{/organisation}}
        {{#hasMembers}}<tr><th align="left">{{labels.members}}</th><td>{{#members}}{{.}}<br>{{/members}}</td></tr>{{/hasMembers}}
        {{#stage}}<tr><th align="left">{{labels.stage}}</th><td>{{stage}}</td></tr>{{/stage}}
        {{#reason}}<tr><th align="left">{{labels.reason}}</th><td>{{reason}}</td></tr>{{/reason}}
        {{#awards}}<tr><th align="left">{{labels.award}}</th><td>{{name}}{{#nomination}} ({{nomination}}){{/nomination}}</td></tr>{{/awards}}
        {{#correctionReason}}<tr><th align="left">{{labels.correctionReason}}</th><td>{{correctionReason}}</td></tr>{{/correctionReason}}
        </table>
        {{#hasItems}}<ul>{{#items}}<li><a href="{{link}}">{{text}}</a></li>{{/items}}</ul>{{/hasItems}}
        <p><a href="{{link}}">{{labels.link}}</a></p>
        <p style="color: #666">{{labels.signature}}</p>
        </body></html>

        """
}
