using System.Net.Http.Headers;
using System.Text;
using Vigil.Server.Config;

namespace Vigil.Server.Notify.Integrations;

/// <summary>Adds <c>basic_auth</c> or <c>authorization</c> to every request, reading <c>*_file</c> credentials each time (trimmed, as Prometheus does).</summary>
internal sealed class AuthorizationHandler(BasicAuthConfig? basic, AuthorizationConfig? authorization) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (basic is not null)
        {
            var password = basic.PasswordFile is null ? basic.Password ?? "" : File.ReadAllText(basic.PasswordFile).Trim();
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes(basic.Username + ":" + password)));
        }
        else if (authorization is not null)
        {
            var credentials = authorization.CredentialsFile is null ? authorization.Credentials ?? "" : File.ReadAllText(authorization.CredentialsFile).Trim();
            request.Headers.TryAddWithoutValidation("Authorization", authorization.Type + " " + credentials);
        }
        return base.SendAsync(request, cancellationToken);
    }
}
