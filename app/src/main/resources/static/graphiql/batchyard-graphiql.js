// Starts GraphiQL on Batchyard's API. The page's URL says where the API is
// (?path=/graphql&wsPath=/graphql, added by the redirect from /graphiql); the browser
// sends the login it was asked for on the page to the API too (same origin).
(function () {
    'use strict';
    // GraphiQL's dialogs add a style element with this nonce (the page's policy allows
    // no other inline style); the bundled library reads it from this global
    window.__webpack_nonce__ = document.querySelector('meta[name="csp-nonce"]').content;
    var params = new URLSearchParams(window.location.search);
    var path = params.get('path') || '/graphql';
    var wsPath = params.get('wsPath') || path;
    var wsProtocol = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
    var fetcher = GraphiQL.createFetcher({
        url: window.location.protocol + '//' + window.location.host + path,
        subscriptionUrl: wsProtocol + '//' + window.location.host + wsPath
    });
    var defaultQuery = '# Batchyard: the queues, their workers and whether they are paused.\n'
        + '# Ctrl-Enter runs the query; the docs pane (the book icon) shows the whole schema.\n'
        + '{\n  queues {\n    name\n    tier\n    concurrency\n    paused\n  }\n}\n';
    ReactDOM.createRoot(document.getElementById('graphiql')).render(React.createElement(GraphiQL, {
        fetcher: fetcher,
        defaultQuery: defaultQuery,
        defaultEditorToolsVisibility: true
    }));
})();
