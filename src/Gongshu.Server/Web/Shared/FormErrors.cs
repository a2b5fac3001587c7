namespace Gongshu.Server.Web.Shared;

/// <summary>
/// What a submitted form got wrong: a message per field, shown next to the field, and one for the
/// form as a whole. The server's own checks (a <see cref="GongshuException"/> naming its field) land
/// on the field they name, so pages never repeat the services' validation.
/// </summary>
public sealed class FormErrors
{
    private readonly Dictionary<string, string> _byField = new(StringComparer.Ordinal);

    public string? Summary { get; private set; }

    public bool Any => _byField.Count > 0 || Summary is not null;

    public string? this[string field] => _byField.GetValueOrDefault(field);

    public void Add(string field, string message) => _byField.TryAdd(field, message);

    public void Fail(string message) => Summary = message;

    /// <summary>
    /// Puts the service's error on the form field it names (<paramref name="fields"/> maps the
    /// service's field names to the form's where they differ), or on the form when it names none the form has.
    /// </summary>
    public void Add(GongshuException error, IReadOnlyCollection<string> formFields, IReadOnlyDictionary<string, string>? fields = null,
        Func<GongshuException, string>? describe = null)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(formFields);
        var field = error.Field is { } named && fields is not null && fields.TryGetValue(named, out var mapped) ? mapped : error.Field;
        if (field is not null && formFields.Contains(field))
        {
            Add(field, describe?.Invoke(error) ?? error.Message);
        }
        else
        {
            Fail(describe?.Invoke(error) ?? error.Message);
        }
    }
}
