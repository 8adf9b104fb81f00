using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BlazorMessenger.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class QuotedIndexFilters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Messages_ConversationId_PinnedUtc",
                table: "Messages");

            migrationBuilder.DropIndex(
                name: "EmailIndex",
                table: "AspNetUsers");

            migrationBuilder.CreateIndex(
                name: "IX_Messages_ConversationId_PinnedUtc",
                table: "Messages",
                columns: new[] { "ConversationId", "PinnedUtc" },
                filter: "\"PinnedUtc\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "AspNetUsers",
                column: "NormalizedEmail",
                unique: true,
                filter: "\"NormalizedEmail\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Messages_ConversationId_PinnedUtc",
                table: "Messages");

            migrationBuilder.DropIndex(
                name: "EmailIndex",
                table: "AspNetUsers");

            migrationBuilder.CreateIndex(
                name: "IX_Messages_ConversationId_PinnedUtc",
                table: "Messages",
                columns: new[] { "ConversationId", "PinnedUtc" },
                filter: "PinnedUtc IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "AspNetUsers",
                column: "NormalizedEmail",
                unique: true,
                filter: "NormalizedEmail IS NOT NULL");
        }
    }
}
