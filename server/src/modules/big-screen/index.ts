/** The big-screen module's public face: nothing yet (no other module reads the screen). */
export {};
