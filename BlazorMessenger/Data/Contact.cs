namespace BlazorMessenger.Data;

/// <summary>Owner keeps ContactUser in their contact list; one row per ordered pair.</summary>
public sealed class Contact
{
    public required string OwnerId { get; set; }

    public required string ContactUserId { get; set; }

    public DateTime AddedUtc { get; set; }

    public ApplicationUser? ContactUser { get; set; }
}
