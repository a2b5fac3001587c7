namespace Gongshu.Directories;

/// <summary>RFC 4648 §6 Base32 (A–Z, 2–7), the encoding authenticator apps expect for TOTP secrets.</summary>
public static class Base32
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    public static string Encode(ReadOnlySpan<byte> data, bool padding = true)
    {
        var chars = new System.Text.StringBuilder((data.Length + 4) / 5 * 8);
        int buffer = 0, bits = 0;
        foreach (var b in data)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                chars.Append(Alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }

        if (bits > 0)
        {
            chars.Append(Alphabet[(buffer << (5 - bits)) & 31]);
        }

        if (padding)
        {
            while (chars.Length % 8 != 0)
            {
                chars.Append('=');
            }
        }

        return chars.ToString();
    }

    /// <summary>Decodes, ignoring case, padding, spaces and hyphens (as people type secrets); a 400 <c>invalid_base32</c> otherwise.</summary>
    public static byte[] Decode(string text, string field = "secret")
    {
        var output = new List<byte>(text.Length * 5 / 8);
        int buffer = 0, bits = 0;
        foreach (var c in text)
        {
            if (c is '=' or ' ' or '-')
            {
                continue;
            }

            var value = Alphabet.IndexOf(char.ToUpperInvariant(c), StringComparison.Ordinal);
            if (value < 0)
            {
                throw GongshuException.Invalid(field, $"'{c}' is not a Base32 character (A–Z, 2–7).", "invalid_base32");
            }

            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                output.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }

        return [.. output];
    }
}
