import Hummingbird

/// What `/`, `/playground` and a browser's GET of `/graphql` show until the playground ships.
enum PlaceholderPage {
    static let html = """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Chorus</title>
        <style>
        :root { color-scheme: light dark; font-family: system-ui, sans-serif; }
        body { max-width: 40rem; margin: 4rem auto; padding: 0 1rem; line-height: 1.5; }
        code { font-size: 0.95em; }
        </style>
        </head>
        <body>
        <h1>Chorus</h1>
        <p>The GraphQL playground comes with a later release.</p>
        <p>Until then, send queries to <code>POST /graphql</code> with a JSON body such as
        <code>{"query": "{ __typename }"}</code>.</p>
        </body>
        </html>

        """

    static var response: Response {
        Response(
            status: .ok,
            headers: [.contentType: "text/html; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }
}
