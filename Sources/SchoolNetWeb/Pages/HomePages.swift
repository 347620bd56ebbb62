import Hummingbird
import SchoolNetHTTP

/// The front page. (The public catalogue takes its place.)
struct HomePages {
    let services: WebServices
    let renderer: PageRenderer

    func addRoutes(to pages: RouterGroup<WebContext>) {
        pages.get("") { request, context in self.renderer.page("home", [:], request: request, context: context) }
    }
}
