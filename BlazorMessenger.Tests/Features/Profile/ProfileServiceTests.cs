using System.Text;
using BlazorMessenger.Data;
using BlazorMessenger.Features.Media;
using BlazorMessenger.Features.Profile;
using BlazorMessenger.Realtime;
using BlazorMessenger.Tests.Features.Chat;
using BlazorMessenger.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using SkiaSharp;

namespace BlazorMessenger.Tests.Features.Profile;

[BothDatabases]
public sealed class ProfileServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_new_display_name_reaches_the_people_who_share_a_conversation()
    {
        await using var bed = await ChatTestBed.CreateAsync();
        using var bob = new HubRecorder(bed.Hub, bed.Bob);
        using var carol = new HubRecorder(bed.Hub, bed.Carol);
        var profiles = bed.Services.Get<ProfileService>();

        var saved = await profiles.UpdateAsync(bed.Alice, new ProfileUpdate("  Alice Liddell "), Ct);

        Assert.Equal("Alice Liddell", saved.Value!.DisplayName);
        Assert.Equal("Alice Liddell", Assert.Single(bob.OfType<ProfileChanged>()).DisplayName);
        Assert.Empty(carol.Events);
        Assert.Equal("Alice Liddell", (await bed.Lists.ListAsync(bed.Bob, Ct)).Single().Name);
    }

    [Fact]
    public async Task A_display_name_over_64_characters_is_refused_and_an_empty_one_falls_back_to_the_username()
    {
        await using var bed = await ChatTestBed.CreateAsync();
        var profiles = bed.Services.Get<ProfileService>();

        var tooLong = await profiles.UpdateAsync(bed.Alice, new ProfileUpdate(new string('a', 65)), Ct);
        var cleared = await profiles.UpdateAsync(bed.Alice, new ProfileUpdate("   "), Ct);

        Assert.Equal(ProfileService.DisplayNameTooLong, tooLong.Error);
        Assert.Null(cleared.Value!.DisplayName);
        Assert.Equal("alice", cleared.Value.Name);
    }

    [Fact]
    public async Task A_picture_goes_through_the_image_pipeline_to_a_square_thumbnail_and_replaces_the_old_one()
    {
        await using var bed = await ChatTestBed.CreateAsync();
        var profiles = bed.Services.Get<ProfileService>();
        using var wide = TestImages.Halves(900, 300);
        var photo = TestImages.JpegWithExif(wide, orientation: 1);

        var first = await profiles.UpdateAsync(bed.Alice, new ProfileUpdate("Alice", photo), Ct);
        var second = await profiles.UpdateAsync(bed.Alice, new ProfileUpdate("Alice", TestImages.Png()), Ct);
        var bad = await profiles.UpdateAsync(bed.Alice, new ProfileUpdate("Alice", Encoding.UTF8.GetBytes("<svg/>")), Ct);

        Assert.NotEqual(first.Value!.AvatarId, second.Value!.AvatarId);
        Assert.Equal(ImageProcessor.NotAnImage, bad.Error);
        await using var db = await bed.Services.Get<IDbContextFactory<ApplicationDbContext>>().CreateDbContextAsync(Ct);
        var media = await db.Media.SingleAsync(Ct);
        Assert.Equal(second.Value.AvatarId, media.Id);
        Assert.Equal(media.ThumbWidth, media.ThumbHeight);
        var files = Directory.GetFiles(bed.Services.Get<MediaStore>().Root, "*", SearchOption.AllDirectories);
        Assert.Equal(2, files.Length);
        Assert.All(files, f => Assert.Contains(media.Id, f));
        using var thumbnail = SKBitmap.Decode(files.Single(f => f.Contains(".thumb.")));
        Assert.Equal(thumbnail.Width, thumbnail.Height);
    }

    [Fact]
    public async Task Removing_the_picture_deletes_its_files()
    {
        await using var bed = await ChatTestBed.CreateAsync();
        var profiles = bed.Services.Get<ProfileService>();
        await profiles.UpdateAsync(bed.Alice, new ProfileUpdate(null, TestImages.Png()), Ct);

        var removed = await profiles.UpdateAsync(bed.Alice, new ProfileUpdate(null, RemovePicture: true), Ct);

        Assert.Null(removed.Value!.AvatarId);
        Assert.Empty(Directory.GetFiles(bed.Services.Get<MediaStore>().Root, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_profile_card_is_shown_only_to_people_who_share_a_conversation()
    {
        await using var bed = await ChatTestBed.CreateAsync();
        var profiles = bed.Services.Get<ProfileService>();

        Assert.Equal("alice", (await profiles.GetCardAsync(bed.Bob, bed.Alice, Ct))!.UserName);
        Assert.Null(await profiles.GetCardAsync(bed.Carol, bed.Alice, Ct));
        Assert.NotNull(await profiles.GetCardAsync(bed.Carol, bed.Carol, Ct));
    }
}
