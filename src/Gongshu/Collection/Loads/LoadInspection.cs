using Gongshu.Catalog;
using Gongshu.Storage;

namespace Gongshu.Collection.Loads;

/// <summary>
/// Something that looks at every converted row of a load in the same pass, e.g. governance's
/// quality rules. Collection knows only this; what the findings mean is the inspector's business.
/// </summary>
public interface ILoadInspection
{
    /// <summary>The check for one load of <paramref name="resource"/>, or null when there is nothing to check.</summary>
    Task<LoadCheck?> BeginAsync(CatalogResource resource, IReadOnlyList<DatasetColumn> fields, CancellationToken ct);
}

/// <summary>The check of one load: called on the loading thread for each converted row, then told the load's outcome.</summary>
public abstract class LoadCheck
{
    /// <summary>Looks at one converted row (values in field order); <paramref name="line"/> is its place in the source.</summary>
    public abstract void Check(ReadOnlySpan<object?> row, long line);

    /// <summary>The load succeeded as <paramref name="loadId"/>: keep what was found.</summary>
    public abstract Task CompleteAsync(long loadId, CancellationToken ct);
}
