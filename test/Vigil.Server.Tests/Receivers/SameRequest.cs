using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Receivers;

/// <summary>Asserts that Vigil sent what Alertmanager sent: method, path and query, content type, credentials and body bytes.</summary>
internal static class SameRequest
{
    public static void Assert(SinkRequest alertmanager, SinkRequest vigil)
    {
        Xunit.Assert.Equal(alertmanager.Method, vigil.Method);
        Xunit.Assert.Equal(alertmanager.PathAndQuery, vigil.PathAndQuery);
        Xunit.Assert.Equal(alertmanager.Header("Content-Type"), vigil.Header("Content-Type"));
        Xunit.Assert.Equal(alertmanager.Header("Authorization"), vigil.Header("Authorization"));
        // As text first, so a difference shows where it is; then the bytes, so nothing is lost to decoding.
        Xunit.Assert.Equal(alertmanager.Text, vigil.Text);
        Xunit.Assert.Equal(alertmanager.Body, vigil.Body);
        Xunit.Assert.StartsWith("Vigil/", vigil.Header("User-Agent"));
    }

    /// <summary>Every request of both sides, pairwise, in arrival order.</summary>
    public static void AssertAll(IReadOnlyList<SinkRequest> alertmanager, IReadOnlyList<SinkRequest> vigil)
    {
        Xunit.Assert.Equal(alertmanager.Count, vigil.Count);
        for (var i = 0; i < alertmanager.Count; i++)
        {
            Assert(alertmanager[i], vigil[i]);
        }
    }
}
