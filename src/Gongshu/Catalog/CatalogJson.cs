using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace Gongshu.Catalog;

/// <summary>The JSON text of list columns (keywords, tags, related codes, failing rules): Chinese kept readable.</summary>
internal static class CatalogJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Read<T>(string json) => JsonSerializer.Deserialize<T>(json, Options)
        ?? throw new InvalidOperationException("A catalog list column holds JSON null.");
}
