namespace Gongshu.Storage;

/// <summary>
/// The data types of the national catalog guide (信息项数据类型), with their one-letter codes.
/// </summary>
public enum FieldType
{
    /// <summary>C 字符型</summary>
    Character,

    /// <summary>N 数值型</summary>
    Numeric,

    /// <summary>Y 货币型</summary>
    Currency,

    /// <summary>D 日期型</summary>
    Date,

    /// <summary>T 日期时间型</summary>
    DateTime,

    /// <summary>L 逻辑型</summary>
    Logical,

    /// <summary>M 备注型</summary>
    Memo,

    /// <summary>G 通用型 (binary)</summary>
    General,

    /// <summary>B 双精度型</summary>
    Double,

    /// <summary>I 整型</summary>
    Integer,

    /// <summary>F 浮点型</summary>
    Float,
}

public static class FieldTypes
{
    private const string Codes = "CNYDTLMGBIF";

    public static char Code(this FieldType type) => Codes[(int)type];

    public static FieldType FromCode(char code)
    {
        var index = Codes.IndexOf(char.ToUpperInvariant(code), StringComparison.Ordinal);
        return index >= 0
            ? (FieldType)index
            : throw GongshuException.Invalid("type", $"'{code}' is not a field type; use one of {string.Join('/', Codes.ToCharArray())}.", "unknown_field_type");
    }

    /// <summary>The CLR type a value of this field is carried as between readers and writers.</summary>
    public static Type ClrType(this FieldType type) => type switch
    {
        FieldType.Character or FieldType.Memo => typeof(string),
        FieldType.Numeric or FieldType.Currency => typeof(decimal),
        FieldType.Date => typeof(DateOnly),
        FieldType.DateTime => typeof(DateTime),
        FieldType.Logical => typeof(bool),
        FieldType.General => typeof(byte[]),
        FieldType.Double => typeof(double),
        FieldType.Integer => typeof(long),
        FieldType.Float => typeof(float),
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };
}

/// <summary>
/// One column of a dataset table, as declared by the catalog. <see cref="Type"/> is the field's
/// own type; a protected column stores bytes instead (<see cref="StorageType"/>), which the
/// security layer encrypts on the way in and decrypts on the way out. An <see cref="Indexed"/>
/// column gets an index once its version's rows are in.
/// </summary>
public sealed record DatasetColumn(string Name, FieldType Type, int? Length = null, int? Scale = null, bool Nullable = true,
    ColumnProtection Protection = ColumnProtection.None, bool Indexed = false)
{
    /// <summary>Suffix of the blind-index column that accompanies an encrypted column.</summary>
    public const string BlindIndexSuffix = "__bidx";

    public FieldType StorageType => Protection == ColumnProtection.None ? Type : FieldType.General;

    public static string BlindIndexName(string encryptedColumn) => encryptedColumn + BlindIndexSuffix;
}

/// <summary>How a dataset column is kept at rest.</summary>
public enum ColumnProtection
{
    /// <summary>Plain values of the field's type.</summary>
    None,

    /// <summary>SM4-GCM ciphertext of the value (grade L4).</summary>
    Encrypted,

    /// <summary>Keyed HMAC-SM3 of an encrypted column's value, for exact-match lookups.</summary>
    BlindIndex,
}
