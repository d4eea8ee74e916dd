using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;

namespace Vigil.Contracts.Agents;

/// <summary>
/// Signing and checking action requests. The request's JSON is the payload and is signed as bytes with ECDSA P-256 /
/// SHA-256; the agent checks the signature over exactly those bytes before it parses them, so no canonical form is
/// needed. The server holds the private key; agents are configured with the public key (<c>server_key</c>).
/// </summary>
public static class ActionSigning
{
    public static SignedActionRequest Sign(ActionRequest request, ECDsa key) => Sign(request, key, KeyIdOf(key));

    /// <summary>
    /// <see cref="Sign(ActionRequest, ECDsa)"/> with the key's id (<see cref="KeyIdOf"/>) given: a signer that signs many
    /// requests (a plan step asks 50 agents at once) works it out once, not by exporting and hashing the key each time.
    /// </summary>
    public static SignedActionRequest Sign(ActionRequest request, ECDsa key, string keyId)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(request, ContractJson.Options);
        var signature = key.SignData(payload, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return new SignedActionRequest(Base64Url.EncodeToString(payload), Base64Url.EncodeToString(signature), keyId);
    }

    /// <summary>The request, when one of <paramref name="keys"/> signed exactly its payload; null otherwise (or when it is not a request).</summary>
    public static ActionRequest? Verify(SignedActionRequest signed, IReadOnlyList<ECDsa> keys)
    {
        if (Decode(signed.Payload) is not { } payload || Decode(signed.Signature) is not { } signature)
        {
            return null;
        }
        foreach (var key in keys)
        {
            if (key.VerifyData(payload, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation))
            {
                return Parse(payload);
            }
        }
        return null;
    }

    /// <summary>The request the payload claims to be, without checking the signature: only to name it in a refusal.</summary>
    public static ActionRequest? ReadUnverified(SignedActionRequest signed) => Decode(signed.Payload) is { } p ? Parse(p) : null;

    /// <summary>The public key as agents are configured with it: base64 of its SubjectPublicKeyInfo (DER).</summary>
    public static string PublicKeyOf(ECDsa key) => Convert.ToBase64String(key.ExportSubjectPublicKeyInfo());

    /// <summary>A short name for a key (the first 16 hex digits of the SHA-256 of its SubjectPublicKeyInfo), for logs.</summary>
    public static string KeyIdOf(ECDsa key) => Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()))[..16];

    /// <summary>Reads a public key written by <see cref="PublicKeyOf"/>; null when it is not a P-256 public key.</summary>
    public static ECDsa? ImportPublicKey(string text)
    {
        byte[] der;
        try
        {
            der = Convert.FromBase64String(text.Trim());
        }
        catch (FormatException)
        {
            return null;
        }
        var key = ECDsa.Create();
        try
        {
            key.ImportSubjectPublicKeyInfo(der, out var read);
            if (read == der.Length && key.KeySize == 256)
            {
                return key;
            }
        }
        catch (CryptographicException)
        {
        }
        key.Dispose();
        return null;
    }

    private static byte[]? Decode(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        try
        {
            return Base64Url.DecodeFromChars(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static ActionRequest? Parse(byte[] payload)
    {
        try
        {
            return JsonSerializer.Deserialize<ActionRequest>(payload, ContractJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
