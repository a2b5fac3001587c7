using Gongshu.Catalog.Search;

namespace Gongshu.Catalog;

/// <summary>Builds the search document of a published version.</summary>
internal static class CatalogIndexing
{
    public static SearchDocument Document(ResourceRow resource, ResourceVersion version, ProviderRow provider)
    {
        var m = version.Metadata;
        return new SearchDocument
        {
            ResourceId = resource.Id,
            Code = resource.Code,
            Name = m.Name,
            Summary = m.Summary ?? "",
            Keywords = m.Keywords,
            FieldLabels = m.Fields.SelectMany(f => f.Label is null ? [f.Name] : new[] { f.Name, f.Label }).ToList(),
            Tags = m.Tags,
            ProviderId = resource.ProviderId,
            ProviderName = provider.Name,
            DivisionCode = provider.DivisionCode,
            ClassificationCode = resource.ClassificationCode,

            // A published version passed the blocking rules, so these are all set.
            ShareType = m.ShareType!,
            OpenType = m.OpenType!,
            Grade = m.Grade!,
            Format = m.Format!,
            UpdateCycle = m.UpdateCycle!,
            UpdatedAt = version.UpdatedAt,
        };
    }
}
