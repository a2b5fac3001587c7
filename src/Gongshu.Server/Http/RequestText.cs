namespace Gongshu.Server.Http;

/// <summary>A request body read as text (a policy, a rule set), with a size limit that names the field.</summary>
public static class RequestText
{
    public static async Task<string> ReadAsync(HttpContext context, int maxChars, string field, CancellationToken ct)
    {
        using var reader = new StreamReader(context.Request.Body);
        var buffer = new char[maxChars + 1];
        var length = await reader.ReadBlockAsync(buffer, ct);
        if (length > maxChars)
        {
            throw GongshuException.Invalid(field, $"The {field} sent is longer than {maxChars / 1024:N0} KB of JSON.", $"{field}_too_large");
        }

        return new string(buffer, 0, length);
    }
}
