using System.Text;
using System.Text.Json;
using Gongshu.Directories;
using Gongshu.Server.Platform;

namespace Gongshu.Server.Catalog;

/// <summary>
/// <c>/catalog.ttl</c> and <c>/catalog.jsonld</c>, the paths CKAN's DCAT extension uses: the open
/// catalog streamed resource by resource in Turtle or JSON-LD.
/// </summary>
public static class DcatExport
{
    public static void MapDcat(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/catalog.ttl", (HttpContext context, PlatformServices platform, CancellationToken ct)
            => WriteAsync(context, platform, "text/turtle; charset=utf-8", new TurtleWriter(), ct)).WithTags("DCAT").AllowAnonymous();
        routes.MapGet("/catalog.jsonld", (HttpContext context, PlatformServices platform, CancellationToken ct)
            => WriteAsync(context, platform, "application/ld+json; charset=utf-8", new JsonLdWriter(), ct)).WithTags("DCAT").AllowAnonymous();
    }

    private interface IRdfWriter
    {
        Task StartAsync(Stream output, CancellationToken ct);

        Task WriteAsync(Stream output, RdfNode node, CancellationToken ct);

        Task EndAsync(Stream output, CancellationToken ct);
    }

    private static async Task WriteAsync(HttpContext context, PlatformServices platform, string contentType, IRdfWriter writer, CancellationToken ct)
    {
        var baseUrl = $"{context.Request.Scheme}://{context.Request.Host}";
        context.Response.ContentType = contentType;
        var output = context.Response.Body;
        await writer.StartAsync(output, ct);
        await writer.WriteAsync(output, DcatGraph.Catalog(baseUrl, platform.Clock.GetUtcNow()), ct);
        var organizations = new Dictionary<long, Organization?>();
        var open = new OpenCatalog(platform);
        await foreach (var resource in open.AllAsync(ct))
        {
            var provider = await open.OrganizationAsync(resource.ProviderId, organizations, ct);
            foreach (var node in DcatGraph.Dataset(baseUrl, resource, provider))
            {
                await writer.WriteAsync(output, node, ct);
            }
        }

        await writer.EndAsync(output, ct);
    }

    private sealed class TurtleWriter : IRdfWriter
    {
        public Task StartAsync(Stream output, CancellationToken ct)
        {
            var head = new StringBuilder();
            foreach (var (prefix, ns) in DcatGraph.Prefixes)
            {
                head.Append("@prefix ").Append(prefix).Append(": <").Append(ns).Append("> .\n");
            }

            return Write(output, head.Append('\n').ToString(), ct);
        }

        public Task WriteAsync(Stream output, RdfNode node, CancellationToken ct)
        {
            var text = new StringBuilder().Append('<').Append(node.Iri).Append('>');
            for (var i = 0; i < node.Statements.Count; i++)
            {
                var (predicate, value) = node.Statements[i];
                text.Append(i == 0 ? "\n    " : " ;\n    ").Append(Name(predicate)).Append(' ').Append(Term(value));
            }

            return Write(output, text.Append(" .\n\n").ToString(), ct);
        }

        public Task EndAsync(Stream output, CancellationToken ct) => Task.CompletedTask;

        private static string Name(string iri)
        {
            if (iri == DcatGraph.Type)
            {
                return "a";
            }

            foreach (var (prefix, ns) in DcatGraph.Prefixes)
            {
                if (iri.StartsWith(ns, StringComparison.Ordinal) && iri.Length > ns.Length && iri[ns.Length..].All(char.IsAsciiLetterOrDigit))
                {
                    return $"{prefix}:{iri[ns.Length..]}";
                }
            }

            return $"<{iri}>";
        }

        private static string Term(RdfValue value)
        {
            if (value.IsIri)
            {
                return Name(value.Text);
            }

            var literal = Quote(value.Text);
            return value.Language is { } language ? $"{literal}@{language}"
                : value.Datatype is { } datatype ? $"{literal}^^{Name(datatype)}"
                : literal;
        }

        /// <summary>A Turtle string: backslash escapes for quotes, backslashes and control characters.</summary>
        private static string Quote(string text)
        {
            var quoted = new StringBuilder(text.Length + 2).Append('"');
            foreach (var c in text)
            {
                _ = c switch
                {
                    '"' => quoted.Append("\\\""),
                    '\\' => quoted.Append("\\\\"),
                    '\n' => quoted.Append("\\n"),
                    '\r' => quoted.Append("\\r"),
                    '\t' => quoted.Append("\\t"),
                    < ' ' => quoted.Append("\\u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture)),
                    _ => quoted.Append(c),
                };
            }

            return quoted.Append('"').ToString();
        }
    }

    /// <summary>JSON-LD with full IRIs as keys and a @graph of node objects; nodes with one IRI merge.</summary>
    private sealed class JsonLdWriter : IRdfWriter
    {
        private Utf8JsonWriter? _json;

        public async Task StartAsync(Stream output, CancellationToken ct)
        {
            _json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            _json.WriteStartObject();
            _json.WriteStartObject("@context");
            foreach (var (prefix, ns) in DcatGraph.Prefixes)
            {
                _json.WriteString(prefix, ns);
            }

            _json.WriteEndObject();
            _json.WriteStartArray("@graph");
            await _json.FlushAsync(ct);
        }

        public async Task WriteAsync(Stream output, RdfNode node, CancellationToken ct)
        {
            var json = _json!;
            json.WriteStartObject();
            json.WriteString("@id", node.Iri);
            var types = node.Statements.Where(s => s.Predicate == DcatGraph.Type).Select(s => s.Value.Text).ToList();
            if (types.Count > 0)
            {
                json.WriteStartArray("@type");
                types.ForEach(json.WriteStringValue);
                json.WriteEndArray();
            }

            foreach (var group in node.Statements.Where(s => s.Predicate != DcatGraph.Type).GroupBy(s => s.Predicate))
            {
                json.WriteStartArray(group.Key);
                foreach (var (_, value) in group)
                {
                    json.WriteStartObject();
                    if (value.IsIri)
                    {
                        json.WriteString("@id", value.Text);
                    }
                    else
                    {
                        json.WriteString("@value", value.Text);
                        if (value.Language is { } language)
                        {
                            json.WriteString("@language", language);
                        }
                        else if (value.Datatype is { } datatype)
                        {
                            json.WriteString("@type", datatype);
                        }
                    }

                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
            await json.FlushAsync(ct);
        }

        public async Task EndAsync(Stream output, CancellationToken ct)
        {
            _json!.WriteEndArray();
            _json.WriteEndObject();
            await _json.FlushAsync(ct);
            await _json.DisposeAsync();
        }
    }

    private static async Task Write(Stream output, string text, CancellationToken ct) => await output.WriteAsync(Encoding.UTF8.GetBytes(text), ct);
}
