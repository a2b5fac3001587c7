namespace Gongshu.Security.Masking;

/// <summary>
/// One rule of a <see cref="MaskingPolicy"/>: on <paramref name="Channel"/>, fields of
/// <paramref name="Grade"/> and <paramref name="Type"/> (null: any) get <paramref name="Technique"/>.
/// <paramref name="Granted"/> (share and export only; null: either) narrows the rule to fields the
/// grant names explicitly (true) or does not (false).
/// </summary>
public sealed record MaskingRule(MaskingChannel Channel, DataGrade? Grade, SensitiveType? Type, bool? Granted, MaskTechnique Technique)
{
    /// <summary>For a channel's default: any grade, any type.</summary>
    public MaskingRule(MaskingChannel channel, MaskTechnique technique)
        : this(channel, null, null, null, technique)
    {
    }

    /// <summary>What the rule applies to, as audit entries and messages name it: <c>open L3 identity_number</c>.</summary>
    public string Scope
        => string.Join(' ', new[] { Channel.Code(), Grade?.Code() ?? "any grade", Type?.Code() ?? "any type", Granted switch { true => "granted", false => "not granted", null => null } }
            .Where(part => part is not null));
}
