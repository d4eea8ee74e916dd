namespace Vigil.Server.Security;

/// <summary><c>tls_server_config.client_auth_type</c>, as Go's <c>tls.ClientAuthType</c> names them.</summary>
public enum ClientAuthType
{
    /// <summary><c>NoClientCert</c> (the default): no client certificate is asked for.</summary>
    NoClientCert,

    /// <summary><c>RequestClientCert</c>: asked for, not required, not verified.</summary>
    RequestClientCert,

    /// <summary><c>RequireAnyClientCert</c>: required, not verified.</summary>
    RequireAnyClientCert,

    /// <summary><c>VerifyClientCertIfGiven</c>: not required; verified against <c>client_ca_file</c> when given.</summary>
    VerifyClientCertIfGiven,

    /// <summary><c>RequireAndVerifyClientCert</c>: required and verified against <c>client_ca_file</c> (mutual TLS).</summary>
    RequireAndVerifyClientCert,
}
