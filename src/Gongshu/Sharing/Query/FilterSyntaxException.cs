namespace Gongshu.Sharing.Query;

/// <summary>
/// A filter (or sort, or field list) that does not parse: a 400 <c>filter_syntax</c> whose message
/// ends "at position N", with <see cref="Position"/> the same 1-based character offset so a client
/// can underline it.
/// </summary>
public sealed class FilterSyntaxException(string parameter, string what, int position)
    : GongshuException(ErrorKind.BadRequest, "filter_syntax", $"{what} at position {position}", parameter)
{
    public int Position { get; } = position;
}
