using System.Text;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;

namespace Gongshu.Security.Crypto;

/// <summary>
/// SM2 (GB/T 32918) signatures on the sm2p256v1 curve with SM3 and the standard's default
/// user id <c>1234567812345678</c>. Keys travel as hex: private scalar d, uncompressed public point.
/// </summary>
public sealed class Sm2KeyPair
{
    public static readonly byte[] DefaultUserId = Encoding.ASCII.GetBytes("1234567812345678");
    private static readonly ECDomainParameters Domain = CreateDomain();

    private readonly ECPrivateKeyParameters? _private;
    private readonly ECPublicKeyParameters _public;

    private Sm2KeyPair(ECPrivateKeyParameters? privateKey, ECPublicKeyParameters publicKey)
    {
        _private = privateKey;
        _public = publicKey;
    }

    public bool CanSign => _private is not null;

    public string PublicKeyHex => Convert.ToHexStringLower(_public.Q.GetEncoded(false));

    public string PrivateKeyHex => _private is null
        ? throw new InvalidOperationException("This is a public key only.")
        : _private.D.ToString(16).PadLeft(64, '0');

    public static Sm2KeyPair Generate()
    {
        var generator = new ECKeyPairGenerator();
        generator.Init(new ECKeyGenerationParameters(Domain, new SecureRandom()));
        var pair = generator.GenerateKeyPair();
        return new Sm2KeyPair((ECPrivateKeyParameters)pair.Private, (ECPublicKeyParameters)pair.Public);
    }

    public static Sm2KeyPair FromPrivateKeyHex(string hex)
    {
        var d = new BigInteger(hex.Trim(), 16);
        if (d.SignValue <= 0 || d.CompareTo(Domain.N) >= 0)
        {
            throw new FormatException("The SM2 private key is out of range.");
        }

        var q = Domain.G.Multiply(d).Normalize();
        return new Sm2KeyPair(new ECPrivateKeyParameters(d, Domain), new ECPublicKeyParameters(q, Domain));
    }

    public static Sm2KeyPair FromPublicKeyHex(string hex)
        => new(null, new ECPublicKeyParameters(Domain.Curve.DecodePoint(Convert.FromHexString(hex.Trim())), Domain));

    /// <summary>A DER-encoded SM2 signature over <paramref name="message"/>.</summary>
    public byte[] Sign(ReadOnlySpan<byte> message)
    {
        if (_private is null)
        {
            throw new InvalidOperationException("Signing needs the private key.");
        }

        var signer = new SM2Signer(new SM3Digest());
        signer.Init(true, new ParametersWithID(new ParametersWithRandom(_private, new SecureRandom()), DefaultUserId));
        signer.BlockUpdate(message.ToArray(), 0, message.Length);
        return signer.GenerateSignature();
    }

    public bool Verify(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        var signer = new SM2Signer(new SM3Digest());
        signer.Init(false, new ParametersWithID(_public, DefaultUserId));
        signer.BlockUpdate(message.ToArray(), 0, message.Length);
        try
        {
            return signer.VerifySignature(signature.ToArray());
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or CryptoException)
        {
            return false;
        }
    }

    private static ECDomainParameters CreateDomain()
    {
        var curve = GMNamedCurves.GetByName("sm2p256v1");
        return new ECDomainParameters(curve.Curve, curve.G, curve.N, curve.H);
    }
}
