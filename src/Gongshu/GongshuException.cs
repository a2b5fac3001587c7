namespace Gongshu;

/// <summary>How a failure is reported to a client; the HTTP layer maps each to a status code.</summary>
public enum ErrorKind
{
    BadRequest,
    Unauthorized,
    Forbidden,
    NotFound,
    Conflict,
    TooManyRequests,
    PayloadTooLarge,
    Unavailable,
}

/// <summary>
/// A failure a user can act on. <see cref="Code"/> is stable (clients may switch on it);
/// the message names the problem in plain words; <see cref="Field"/> names the input at fault.
/// </summary>
public class GongshuException(ErrorKind kind, string code, string message, string? field = null, Exception? inner = null)
    : Exception(message, inner)
{
    public ErrorKind Kind { get; } = kind;

    public string Code { get; } = code;

    public string? Field { get; } = field;

    public static GongshuException NotFound(string what, string code = "not_found")
        => new(ErrorKind.NotFound, code, $"{what} was not found.");

    public static GongshuException Invalid(string field, string message, string code = "invalid_input")
        => new(ErrorKind.BadRequest, code, message, field);
}
