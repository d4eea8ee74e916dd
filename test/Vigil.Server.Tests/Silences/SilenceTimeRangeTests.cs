using System.Net;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Silences;

/// <summary>Silence times at the edges of the calendar: whatever they add up to, the answer is a 4xx, never a 500.</summary>
public sealed class SilenceTimeRangeTests
{
    [Theory]
    [InlineData("0001-01-01T00:00:00Z", "9999-12-31T23:59:59.9999999Z")]
    [InlineData("9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z")]
    [InlineData("2026-05-10T12:00:00Z", "9999-12-31T23:59:59Z")]
    [InlineData("9999-12-31T23:59:59Z", "9999-12-31T23:59:59Z")]
    public async Task SilenceTimes_AtTheEdgesOfTheCalendar_Get400(string startsAt, string endsAt)
    {
        await using var vigil = await VigilInstance.StartAsync("sqlite", Configs.Minimal);
        var body = $$"""{"matchers":{{SilencesApiTests.Foo}},"startsAt":"{{startsAt}}","endsAt":"{{endsAt}}","createdBy":"alice","comment":"edge"}""";
        var response = await SilencesApiTests.PostAsync(vigil.Http, body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("[]", (await vigil.Http.GetStringAsync("api/v2/silences")).Trim());
    }
}
