namespace Gongshu.Security.Masking;

/// <summary>The way data leaves the platform; a masking policy has rules for each.</summary>
public enum MaskingChannel
{
    /// <summary>部门共享: served to a department under a grant.</summary>
    Share,

    /// <summary>公开开放: the open portal and open API.</summary>
    Open,

    /// <summary>导出: a file download under a grant.</summary>
    Export,

    /// <summary>预览: sample rows shown before any grant.</summary>
    Preview,
}

public static class MaskingChannels
{
    public static IReadOnlyList<MaskingChannel> All { get; } = Enum.GetValues<MaskingChannel>();

    /// <summary>The name used in policies and audit entries, e.g. <c>share</c>.</summary>
    public static string Code(this MaskingChannel channel) => channel switch
    {
        MaskingChannel.Share => "share",
        MaskingChannel.Open => "open",
        MaskingChannel.Export => "export",
        MaskingChannel.Preview => "preview",
        _ => throw new ArgumentOutOfRangeException(nameof(channel)),
    };

    public static bool TryParse(string? code, out MaskingChannel channel)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.Code(), code, StringComparison.OrdinalIgnoreCase))
            {
                channel = candidate;
                return true;
            }
        }

        channel = MaskingChannel.Share;
        return false;
    }
}
