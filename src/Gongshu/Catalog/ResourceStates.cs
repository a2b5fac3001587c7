namespace Gongshu.Catalog;

/// <summary>Where a resource stands in the catalog as a whole.</summary>
public enum ResourceStatus
{
    /// <summary>Never published yet: only its provider and the reviewers see it.</summary>
    Draft,

    /// <summary>Listed in the catalog (it may have a change under way).</summary>
    Published,

    /// <summary>下架: gone from the catalog; its code is never given out again.</summary>
    Retired,
}

/// <summary>Where one version stands: draft → submitted → published, or returned → draft again.</summary>
public enum VersionState
{
    Draft,
    Submitted,
    Returned,
    Published,

    /// <summary>A published version replaced by a newer approved one.</summary>
    Superseded,

    /// <summary>The published version of a retired resource.</summary>
    Retired,

    /// <summary>A working version dropped when its resource was retired.</summary>
    Discarded,
}

/// <summary>Which version of a resource a read returns.</summary>
public enum CatalogView
{
    /// <summary>The version the catalog serves: the published one, even while a change is reviewed.</summary>
    Published,

    /// <summary>The version the provider works on: the draft or change under way, else the published one.</summary>
    Working,
}

/// <summary>The stable text forms stored in the database.</summary>
public static class CatalogStates
{
    public static string Text(this ResourceStatus status) => status switch
    {
        ResourceStatus.Draft => "draft",
        ResourceStatus.Published => "published",
        ResourceStatus.Retired => "retired",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static string Text(this VersionState state) => state.ToString().ToLowerInvariant();

    public static ResourceStatus ParseStatus(string text) => Enum.Parse<ResourceStatus>(text, ignoreCase: true);

    public static VersionState ParseState(string text) => Enum.Parse<VersionState>(text, ignoreCase: true);
}
