using System.Globalization;
using System.Text.Json;
using Gongshu.Collection.Sources.Json;

namespace Gongshu.Collection.Sources.Http;

/// <summary>
/// Records from a paged JSON API, one page in memory at a time. Reading stops at an empty page, at
/// a page shorter than the page size, or at a response with no next link, whichever paging the API
/// uses. Each page is read as <see cref="JsonSourceReader"/> reads a file, so values have the same
/// types; the columns are the keys of the first record. <see cref="Position"/> counts records
/// across pages from 1.
/// </summary>
public sealed class HttpSourceReader : SourceReader
{
    private const int MaxIgnoredKeys = 100;

    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly HttpSourceOptions _options;
    private readonly HashSet<string> _ignoredKeys = new(StringComparer.Ordinal);
    private JsonSourceReader? _page;
    private Uri? _nextLink;
    private int _pageRecords;
    private long _position;
    private bool _onRecord;
    private bool _firstPending;
    private string[] _columns = [];

    private HttpSourceReader(HttpClient http, bool ownsHttp, HttpSourceOptions options)
    {
        _http = http;
        _ownsHttp = ownsHttp;
        _options = options;
    }

    public override IReadOnlyList<string> Columns => _columns;

    public override long Position => _position;

    public override int FieldCount => _onRecord ? _columns.Length : 0;

    public override object? this[int ordinal] => _onRecord ? _page![ordinal] : null;

    public override string? RawRecord => _onRecord ? _page!.RawRecord : null;

    /// <summary>The 1-based number of the page the current record came on.</summary>
    public int Page { get; private set; }

    /// <summary>Keys met in records that are not among <see cref="Columns"/> (the first hundred).</summary>
    public IReadOnlyCollection<string> IgnoredKeys
    {
        get
        {
            AddIgnoredKeys();
            return _ignoredKeys;
        }
    }

    /// <summary>
    /// Fetches the first page, which gives the columns. Without <paramref name="http"/> the reader
    /// makes its own client.
    /// </summary>
    public static async Task<HttpSourceReader> OpenAsync(HttpSourceOptions options, HttpClient? http = null, CancellationToken ct = default)
    {
        Check(options);
        var reader = new HttpSourceReader(http ?? new HttpClient { Timeout = System.Threading.Timeout.InfiniteTimeSpan }, http is null, options);
        try
        {
            reader._firstPending = await reader.MoveNextAsync(ct);
            return reader;
        }
        catch
        {
            await reader.DisposeAsync();
            throw;
        }
    }

    public override async ValueTask<bool> ReadAsync(CancellationToken ct = default)
    {
        if (_firstPending)
        {
            _firstPending = false;
            return true;
        }

        return await MoveNextAsync(ct);
    }

    public override async ValueTask DisposeAsync()
    {
        if (_page is not null)
        {
            await _page.DisposeAsync();
        }

        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    private static void Check(HttpSourceOptions options)
    {
        if (!options.Url.IsAbsoluteUri || options.Url.Scheme is not ("http" or "https"))
        {
            throw GongshuException.Invalid("url", "The address must be an absolute http or https URL.");
        }

        if (options.PageSize < 1 || options.MaxPages < 1)
        {
            throw GongshuException.Invalid(options.PageSize < 1 ? "pageSize" : "maxPages", "The page size and the page limit must be at least 1.");
        }

        if (options.Paging == HttpPaging.NextLink && string.IsNullOrWhiteSpace(options.NextLinkPath))
        {
            throw GongshuException.Invalid("nextLinkPath", "Name where each response gives the next page's address, such as links.next.");
        }
    }

    /// <summary>The address of a page by its number (page paging) or first record (offset paging).</summary>
    private static Uri PageUrl(HttpSourceOptions options, long at)
    {
        var (place, size) = options.Paging == HttpPaging.Offset
            ? (options.OffsetParameter, options.LimitParameter)
            : (options.PageParameter, options.SizeParameter);
        var builder = new UriBuilder(options.Url);
        var kept = builder.Query.TrimStart('?')
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(pair => Uri.UnescapeDataString(pair.Split('=')[0]) is var name && name != place && name != size);
        builder.Query = string.Join('&', kept.Append($"{Uri.EscapeDataString(place)}={at.ToString(CultureInfo.InvariantCulture)}")
            .Append($"{Uri.EscapeDataString(size)}={options.PageSize.ToString(CultureInfo.InvariantCulture)}"));
        return builder.Uri;
    }

    private async ValueTask<bool> MoveNextAsync(CancellationToken ct)
    {
        _onRecord = false;
        while (true)
        {
            if (_page is not null && await ReadPageAsync(ct))
            {
                _pageRecords++;
                _position++;
                _onRecord = true;
                return true;
            }

            if (NextPage() is not { } next)
            {
                return false;
            }

            await FetchAsync(next, ct);
        }
    }

    private async ValueTask<bool> ReadPageAsync(CancellationToken ct)
    {
        try
        {
            return await _page!.ReadAsync(ct);
        }
        catch (SourceFormatException e)
        {
            throw PageUnreadable(e);
        }
    }

    /// <summary>The address of the page to read next; null after the last page.</summary>
    private Uri? NextPage()
    {
        if (_page is null)
        {
            return _options.Paging switch
            {
                HttpPaging.PageNumber => PageUrl(_options, _options.FirstPage),
                HttpPaging.Offset => PageUrl(_options, 0),
                _ => _options.Url,
            };
        }

        var full = _pageRecords >= _options.PageSize;
        var next = _pageRecords == 0 ? null : _options.Paging switch
        {
            HttpPaging.PageNumber when full => PageUrl(_options, _options.FirstPage + Page),
            HttpPaging.Offset when full => PageUrl(_options, _position),
            HttpPaging.NextLink => _nextLink,
            _ => null,
        };
        if (next is not null && Page >= _options.MaxPages)
        {
            throw new GongshuException(ErrorKind.BadRequest, "http_too_many_pages",
                $"Stopped after {Page} pages from {Safe(_options.Url)}: the API may be ignoring the paging parameters. Raise the page limit if it really has more.",
                "maxPages");
        }

        return next;
    }

    private async Task FetchAsync(Uri url, CancellationToken ct)
    {
        AddIgnoredKeys();
        if (_page is not null)
        {
            await _page.DisposeAsync();
            _page = null;
        }

        Page++;
        var body = await GetAsync(url, ct);
        _nextLink = _options.Paging == HttpPaging.NextLink ? NextLink(url, body) : null;
        _pageRecords = 0;
        try
        {
            _page = await JsonSourceReader.OpenAsync(new MemoryStream(body, writable: false), new JsonSourceOptions
            {
                Layout = JsonLayout.Array,
                RecordsPath = _options.RecordsPath,
                Columns = Page == 1 ? null : _columns,
            }, ct);
        }
        catch (SourceFormatException e)
        {
            throw PageUnreadable(e);
        }

        if (Page == 1)
        {
            _columns = [.. _page.Columns];
        }
    }

    private async Task<byte[]> GetAsync(Uri url, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd("application/json");
        foreach (var (name, value) in _options.Headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                throw GongshuException.Invalid("headers", $"'{name}' cannot be sent as a request header.");
            }
        }

        // The client's own timeout stops at the headers; a server that stalls in the body is stopped here.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_options.Timeout);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                throw new GongshuException(ErrorKind.BadRequest, "source_http_error",
                    $"{Safe(url)} answered HTTP {(int)response.StatusCode} {response.ReasonPhrase} to the request for page {Page}.", "url");
            }

            if (response.Content.Headers.ContentLength > _options.MaxPageBytes)
            {
                throw TooLarge(url);
            }

            await using var content = await response.Content.ReadAsStreamAsync(timeout.Token);
            using var body = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = await content.ReadAsync(buffer, timeout.Token)) > 0)
            {
                if (body.Length + read > _options.MaxPageBytes)
                {
                    throw TooLarge(url);
                }

                body.Write(buffer, 0, read);
            }

            return body.ToArray();
        }
        catch (HttpRequestException e)
        {
            throw new GongshuException(ErrorKind.BadRequest, "source_unreachable", $"Cannot reach {Safe(url)}: {e.Message}", "url");
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new GongshuException(ErrorKind.BadRequest, "source_unreachable",
                $"{Safe(url)} did not send page {Page} within {_options.Timeout.TotalSeconds:0.#} seconds.", "url");
        }
    }

    /// <summary>The next page's address from a response, resolved against the page's; null when there is none.</summary>
    private Uri? NextLink(Uri page, byte[] body)
    {
        JsonElement link;
        try
        {
            using var document = JsonDocument.Parse(body);
            link = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            // The records reader reports the malformed page, with its line.
            return null;
        }

        foreach (var name in _options.NextLinkPath!.Split('.'))
        {
            if (link.ValueKind != JsonValueKind.Object || !link.TryGetProperty(name, out link))
            {
                return null;
            }
        }

        if (link.ValueKind != JsonValueKind.String || link.GetString() is not { Length: > 0 } text)
        {
            return null;
        }

        if (!Uri.TryCreate(page, text, out var next) || next.Scheme != page.Scheme || !string.Equals(next.Authority, page.Authority, StringComparison.OrdinalIgnoreCase))
        {
            // The headers (an API key) go to the source's own server only.
            throw new GongshuException(ErrorKind.BadRequest, "source_http_error",
                $"Page {Page} from {Safe(page)} names a next page on another server; only links to {page.Scheme}://{page.Authority} are followed.", "nextLinkPath");
        }

        return next;
    }

    private void AddIgnoredKeys()
    {
        foreach (var key in _page?.IgnoredKeys ?? [])
        {
            if (_ignoredKeys.Count >= MaxIgnoredKeys)
            {
                break;
            }

            _ignoredKeys.Add(key);
        }
    }

    private SourceFormatException PageUnreadable(SourceFormatException e)
        => new(e.Code, $"Page {Page} from {Safe(_options.Url)}: {e.Message}", 0);

    private GongshuException TooLarge(Uri url)
        => new(ErrorKind.PayloadTooLarge, "http_page_too_large",
            $"Page {Page} from {Safe(url)} is larger than {_options.MaxPageBytes / (1024 * 1024)} MB; ask for smaller pages.", "pageSize");

    /// <summary>An address fit for a message: scheme, server and path, without the query (which may hold a key) or user info.</summary>
    private static string Safe(Uri url) => url.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);
}
