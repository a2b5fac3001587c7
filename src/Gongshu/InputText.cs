namespace Gongshu;

/// <summary>
/// Free text a user writes at a workflow step (a purpose, a reason, a comment): trimmed, at most
/// <see cref="MaxLength"/> characters, and required where the step needs it. Blank counts as missing.
/// </summary>
public static class InputText
{
    public const int MaxLength = 2000;

    /// <summary>The trimmed text; null when blank and not required. 400 <c>text_required</c> or <c>text_too_long</c> naming <paramref name="field"/>.</summary>
    public static string? Read(string? value, string field, bool required)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return required ? throw GongshuException.Invalid(field, $"The {field} is required: say what and why.", "text_required") : null;
        }

        return text.Length > MaxLength
            ? throw GongshuException.Invalid(field, $"The {field} holds at most {MaxLength} characters.", "text_too_long")
            : text;
    }
}
