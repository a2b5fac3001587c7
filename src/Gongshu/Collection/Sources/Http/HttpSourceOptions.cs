namespace Gongshu.Collection.Sources.Http;

/// <summary>How an API hands out its records a page at a time.</summary>
public enum HttpPaging
{
    /// <summary>One request; the response holds every record.</summary>
    None,

    /// <summary><c>?page=1&amp;size=100</c>, then page 2, … (<see cref="HttpSourceOptions.PageParameter"/>, <see cref="HttpSourceOptions.SizeParameter"/>).</summary>
    PageNumber,

    /// <summary><c>?offset=0&amp;limit=100</c>, then offset 100, … (<see cref="HttpSourceOptions.OffsetParameter"/>, <see cref="HttpSourceOptions.LimitParameter"/>).</summary>
    Offset,

    /// <summary>Each response names the next page's address at <see cref="HttpSourceOptions.NextLinkPath"/>; none on the last.</summary>
    NextLink,
}

public sealed record HttpSourceOptions
{
    /// <summary>The first page's address (http or https); paging parameters are added to its query.</summary>
    public required Uri Url { get; init; }

    public HttpPaging Paging { get; init; } = HttpPaging.PageNumber;

    /// <summary>
    /// The property path, dotted, of the records array in each response, such as <c>data.items</c>;
    /// null when the response is the array.
    /// </summary>
    public string? RecordsPath { get; init; }

    /// <summary>
    /// Records asked for per page. A page with fewer is the last (page number and offset paging), so
    /// keep within the API's own maximum: a server that caps pages below this would seem to end early.
    /// </summary>
    public int PageSize { get; init; } = 100;

    public string PageParameter { get; init; } = "page";

    /// <summary>The number of the first page: 1, or 0 for APIs that count from 0.</summary>
    public int FirstPage { get; init; } = 1;

    public string SizeParameter { get; init; } = "size";

    public string OffsetParameter { get; init; } = "offset";

    public string LimitParameter { get; init; } = "limit";

    /// <summary>The property path, dotted, of the next page's address in a response, such as <c>links.next</c>.</summary>
    public string? NextLinkPath { get; init; }

    /// <summary>Headers sent with every request, such as an API key. They appear in no message.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>The most pages read before giving up, against an API that ignores the paging parameters.</summary>
    public int MaxPages { get; init; } = 10_000;

    /// <summary>The largest response accepted for one page.</summary>
    public int MaxPageBytes { get; init; } = 32 * 1024 * 1024;

    /// <summary>How long one page may take, from the request to the last byte of the response.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(100);
}
