namespace Vigil.Contracts.Agents;

/// <summary>
/// An <see cref="ActionRequest"/> as it travels: <see cref="Payload"/> is its JSON (UTF-8, base64url), exactly the
/// bytes <see cref="Signature"/> (ECDSA P-256 with SHA-256, IEEE P1363, base64url) was made over; <see cref="KeyId"/>
/// names the server key that signed it. See <see cref="ActionSigning"/>.
/// </summary>
public sealed record SignedActionRequest(string Payload, string Signature, string KeyId);
