using System.Text;
using System.Text.Unicode;

namespace Gongshu.Collection.Sources.Csv;

/// <summary>An encoding a text file is read in: the name a load records and how to decode it.</summary>
public sealed class TextEncoding
{
    private readonly byte[] _bom;

    private TextEncoding(string name, Encoding encoding, byte[] bom)
    {
        Name = name;
        Encoding = encoding;
        _bom = bom;
    }

    /// <summary>UTF-8; decoding throws on bytes that are not UTF-8 rather than guess.</summary>
    public static TextEncoding Utf8 { get; } = new("utf-8", new UTF8Encoding(false, throwOnInvalidBytes: true), [0xEF, 0xBB, 0xBF]);

    public static TextEncoding Utf16LittleEndian { get; } = new("utf-16le", new UnicodeEncoding(bigEndian: false, byteOrderMark: false), [0xFF, 0xFE]);

    public static TextEncoding Utf16BigEndian { get; } = new("utf-16be", new UnicodeEncoding(bigEndian: true, byteOrderMark: false), [0xFE, 0xFF]);

    /// <summary>GB18030, the superset of GBK and GB2312 in which Windows in Chinese saves text.</summary>
    public static TextEncoding Gb18030 { get; } = new("gb18030", CodePages.Gb18030, []);

    /// <summary>The name a load records: utf-8, utf-16le, utf-16be or gb18030.</summary>
    public string Name { get; }

    public Encoding Encoding { get; }

    /// <summary>The length of this encoding's byte order mark at the start of <paramref name="bytes"/>; 0 without one.</summary>
    public int BomLength(ReadOnlySpan<byte> bytes) => _bom.Length > 0 && bytes.StartsWith(_bom) ? _bom.Length : 0;

    /// <summary>Decodes a sample, replacing what does not decode (a sample may cut a character in two).</summary>
    internal string DecodeSample(ReadOnlySpan<byte> bytes)
        => (ReferenceEquals(this, Utf8) ? Encoding.UTF8 : Encoding).GetString(bytes);

    public override string ToString() => Name;

    private static class CodePages
    {
        public static readonly Encoding Gb18030 = Load();

        private static Encoding Load()
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            return Encoding.GetEncoding("GB18030");
        }
    }
}

/// <summary>
/// Finds the encoding of a text file from its first bytes: a byte order mark names UTF-8 or
/// UTF-16; otherwise text that is valid UTF-8 is UTF-8, and anything else is taken for GB18030,
/// the encoding of files saved by Windows in Chinese.
/// </summary>
public static class TextEncodingDetector
{
    /// <summary>How many bytes of a file the detection looks at.</summary>
    public const int SampleSize = 64 * 1024;

    /// <summary>The names an option may give, in any case.</summary>
    public static IReadOnlyList<string> KnownNames { get; } = ["utf-8", "gb18030", "gbk", "gb2312", "utf-16", "utf-16le", "utf-16be"];

    /// <summary>The encoding of a file that starts with <paramref name="sample"/>.</summary>
    /// <param name="sample">The file's first bytes (up to <see cref="SampleSize"/>).</param>
    /// <param name="isWholeFile">True when the sample is the whole file, so its last character is not cut in two.</param>
    public static TextEncoding Detect(ReadOnlySpan<byte> sample, bool isWholeFile)
    {
        if (TextEncoding.Utf8.BomLength(sample) > 0)
        {
            return TextEncoding.Utf8;
        }

        if (TextEncoding.Utf16LittleEndian.BomLength(sample) > 0)
        {
            return TextEncoding.Utf16LittleEndian;
        }

        if (TextEncoding.Utf16BigEndian.BomLength(sample) > 0)
        {
            return TextEncoding.Utf16BigEndian;
        }

        if (!isWholeFile)
        {
            sample = sample[..^CutCharacterLength(sample)];
        }

        return Utf8.IsValid(sample) ? TextEncoding.Utf8 : TextEncoding.Gb18030;
    }

    /// <summary>The encoding an option names; throws <c>unknown_encoding</c> for a name not in <see cref="KnownNames"/>.</summary>
    public static TextEncoding FromName(string name)
        => name.Trim().ToLowerInvariant() switch
        {
            "utf-8" or "utf8" => TextEncoding.Utf8,
            "gb18030" or "gbk" or "gb2312" or "cp936" => TextEncoding.Gb18030,
            "utf-16" or "utf16" or "utf-16le" or "utf16le" => TextEncoding.Utf16LittleEndian,
            "utf-16be" or "utf16be" => TextEncoding.Utf16BigEndian,
            _ => throw GongshuException.Invalid("encoding",
                $"Unknown encoding '{name}'; use one of {string.Join(", ", KnownNames)}, or leave it out to detect it.", "unknown_encoding"),
        };

    // The bytes at the end of the sample that start a UTF-8 sequence the sample cuts off.
    private static int CutCharacterLength(ReadOnlySpan<byte> sample)
    {
        for (var back = 1; back <= Math.Min(3, sample.Length); back++)
        {
            var b = sample[^back];
            if ((b & 0xC0) == 0x80)
            {
                continue;
            }

            var length = b switch
            {
                >= 0xC2 and <= 0xDF => 2,
                >= 0xE0 and <= 0xEF => 3,
                >= 0xF0 and <= 0xF4 => 4,
                _ => 1,
            };
            return length > back ? back : 0;
        }

        return 0;
    }
}
