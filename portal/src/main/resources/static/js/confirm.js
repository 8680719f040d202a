// Asks before a destructive form is sent: <form data-confirm="Delete this user?">. A script file, not an
// onsubmit attribute, because the Content Security Policy allows no inline script.
document.addEventListener('submit', event => {
  const question = event.target.dataset ? event.target.dataset.confirm : undefined;
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});
